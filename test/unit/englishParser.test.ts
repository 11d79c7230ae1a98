// The faster parser must build exactly the tree parse-english builds, on any
// text: sentence boundaries are only as good as that promise.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ParseEnglish } from 'parse-english';
import { FastParseEnglish } from '../../server/src/analysis/englishParser';
import { ROOT } from '../root';

const pieces = fc.constantFrom(
  'U.S.', 'Mr.', 'Dr. Smith', 'e.g.', "Israel's", 'Jean-Pierre', '1,400', '1.2', '$412', '4.5%', 'a/b', '@x', '#tag', '...', '?!', '!!', '—', '…', '“', '”', '"', "'",
  ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\t', '\u00a0', '\u2028', '\ufeff', 'é', 'Ü', 'ß', '😀', '𝐀', '\ud800', '\udc00', 'ا', 'שָׁלוֹם', '中文。', '-', '.', ',', 'x', 'X', 'He said.', 'Done. Next',
  // Characters some plugins act on, which the parser skips those plugins without.
  '&', 'AT&T', ' & Co', 'w/', ' w/ ', "rock 'n' roll", ' ’tis ', 'ab/cd', 'x-', '-y',
  'pre- and post-war', ' - ', "the '90s", " 'em ", "Israel’s", "rock ’n’ roll", 'W/', "'", '’', 'e.g. ', 'a.m.', 'U.S.A.', 'x.1.', '1.2.3.',
);
const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')));

describe('english parser', () => {
  it('builds the same tree as parse-english on any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        assert.deepStrictEqual(new FastParseEnglish().parse(text), new ParseEnglish().parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('still breaks a sentence at white space holding two line breaks inside a paragraph', () => {
    // No-break spaces keep the white space out of the root's paragraph split, so only the guarded plugin can break it.
    const text = 'One said so\u00a0\n\n two more. Next\u00a0\r\n\u00a0\nthree';
    const tree = new FastParseEnglish().parse(text);
    assert.deepStrictEqual(tree, new ParseEnglish().parse(text));
    const paragraph = tree.children.find((p) => p.type === 'ParagraphNode') as import('nlcst').Paragraph;
    assert.equal(paragraph.children.filter((s) => s.type === 'SentenceNode').length, 4);
  });

  it('builds the same tree as parse-english on every seed', () => {
    for (const f of readdirSync(join(ROOT, 'seeds'))) {
      const text = readFileSync(join(ROOT, 'seeds', f), 'utf8');
      assert.deepStrictEqual(new FastParseEnglish().parse(text), new ParseEnglish().parse(text), f);
    }
  });
});
