// The hand-written scanner must produce exactly the tokens its defining
// regular expression does, on any text.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenize, tokenizeByRegex } from '../../server/src/analysis/text';

const pieces = fc.constantFrom(
  'U.S.', 'A.B', "Israel's", 'Hamas’s', 'Jean-Pierre', '1,400', '1.2', '12,34', '$412', '4.5%', '21-day', "don't", 'al-Sisi', '—', '…', '“', '”',
  ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2028', '\ufeff', 'é', 'Ü', 'ß', 'ǅ', '😀', '𝐀', '\ud800', 'ا', 'שָׁלוֹם', '中文', '-', "'", '’', '.', ',', 'x', 'X',
);
const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')));

describe('tokenizer', () => {
  it('matches the defining regular expression on any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        assert.deepEqual(tokenize(text), tokenizeByRegex(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps numbers, names, initialisms and possessives whole', () => {
    const t = tokenize("U.S. envoy Jean-Pierre said Israel's 1,400-strong force, 4.5% of $412 million.");
    assert.deepEqual(
      t.map((x) => `${x.kind}:${x.text}`),
      ['word:U.S.', 'word:envoy', 'word:Jean-Pierre', 'word:said', 'word:Israel', "poss:'s", 'num:1,400', 'punct:-', 'word:strong', 'word:force', 'punct:,', 'num:4.5', 'punct:%', 'word:of', 'punct:$', 'num:412', 'word:million', 'punct:.'],
    );
  });
});
