// Property-based tests: whatever the text — random Unicode, random Markdown,
// very long lines, right-to-left and astral characters, CRLF — analysis
// never throws, every offset stays inside the text and on a UTF-16
// boundary, and positions round-trip through LSP ranges.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis/analyze';
import type { Analysis, Span } from '../../server/src/analysis/types';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';
import { LineIndex } from '../../server/src/positions';

const news = fc.constantFrom(
  'Israel’s strikes killed more than 1,400 people.',
  'State Department spokesperson Matthew Miller said "we are acutely aware."',
  'Kirby said talks would resume on Tuesday.',
  'About 300 residents attended the three-hour meeting.',
  '“We believe Rafah should reopen,” Jean-Pierre said.',
  'Singh, the Pentagon spokesperson, described it as a "full-court press."',
  'The $412 million budget adds 35 police officers',
  'between 10 and 15 people — nearly a year — hundreds of thousands',
);
const exotic = fc.constantFrom('مرحبا بالعالم 1,400', 'שָׁלוֹם 35 אנשים', '😀🎉', '𝐀𝐁𝐂 12', '\u200f\u200e', '\ufeff', '\u0000', '\ud800', '\udc00', 'é\u0301', '\t', '\r', '\r\n', '\n', '\u2028', ' ', '“', '”', '"', "'", '’', '‘', '«', '»', '...', '…', '—', '-');
const markdown = fc.constantFrom('# ', '## ', '- ', '1. ', '> ', '```\n', '```', '**', '_', '`code`', '[link](http://x.org/35)', '[^1]', '[^1]: note', '<!-- c -->', '<!--', '-->', '---\n', '| a | 35 |', '    indented', '\\*', '![img](a.png)', 'claimlens-ignore: misquote "x"');
const piece = fc.oneof({ weight: 4, arbitrary: news }, { weight: 3, arbitrary: exotic }, { weight: 2, arbitrary: markdown }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) });
const text = fc.oneof(
  { weight: 5, arbitrary: fc.array(piece, { maxLength: 40 }).map((a) => a.join(' ')) },
  { weight: 2, arbitrary: fc.array(piece, { maxLength: 40 }).map((a) => a.join('\r\n')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.tuple(news, fc.integer({ min: 200, max: 800 })).map(([s, n]) => Array(n).fill(s).join(' ')) },
);

function spans(a: Analysis): Span[] {
  return [
    ...a.blocks,
    ...a.sentences,
    ...a.figures,
    ...a.figures.map((f) => f.value),
    ...a.officials,
    ...a.officials.flatMap((o) => (o.titleSpan ? [o.titleSpan] : [])),
    ...a.quotes,
    ...a.quotes.map((q) => q.outer),
    ...a.claims,
    ...a.pending,
  ];
}

/** An offset between the two halves of a surrogate pair would cut a character in two. */
const splitsPair = (t: string, o: number) => o > 0 && o < t.length && /[\ud800-\udbff]/.test(t[o - 1]) && /[\udc00-\udfff]/.test(t[o]);

function checkSpans(t: string, a: Analysis) {
  for (const s of spans(a)) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), JSON.stringify(s));
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= t.length, `${JSON.stringify(s)} outside 0..${t.length}`);
    assert.ok(!splitsPair(t, s.start) && !splitsPair(t, s.end), `${JSON.stringify(s)} splits a surrogate pair`);
  }
  for (const f of a.figures) assert.equal(t.slice(f.start, f.end), f.text);
  for (const q of a.quotes) assert.equal(t.slice(q.start, q.end), q.text);
}

describe('robustness', () => {
  it('analysis never throws and keeps every offset inside the text (plain text and Markdown)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('plaintext', 'markdown') as fc.Arbitrary<'plaintext' | 'markdown'>, (t, format) => {
        checkSpans(t, analyze(t, { format }));
      }),
      { numRuns: 400 },
    );
  });

  it('evidence never throws on any text', () => {
    const corpus = new Corpus();
    corpus.load([join(__dirname, '..', '..', 'seeds')]);
    fc.assert(
      fc.property(text, (t) => {
        const r = checkArticle(t, { format: 'markdown', corpus });
        for (const f of r.findings) assert.ok(f.start >= 0 && f.end <= t.length && f.start <= f.end);
        assert.equal(r.support.length, r.analysis.claims.length);
      }),
      { numRuns: 150 },
    );
  });

  it('analyses a 100,000-character line', () => {
    const line = Array(2000).fill('Officials said 1,400 people were killed and "talks continue,"').join(' ');
    const a = analyze(line);
    assert.ok(a.figures.length >= 2000);
    checkSpans(line, a);
  });

  it('turns offsets into LSP positions and back, like the LSP text document does', () => {
    fc.assert(
      fc.property(text, (t) => {
        const lines = new LineIndex(t);
        const doc = TextDocument.create('file:///x', 'plaintext', 1, t);
        for (let o = 0; o <= t.length; o += Math.max(1, Math.floor(t.length / 50))) {
          const p = lines.positionAt(o);
          assert.deepEqual(p, doc.positionAt(o), `offset ${o}`);
          assert.equal(lines.offsetAt(p), doc.offsetAt(p));
        }
        const end = lines.positionAt(t.length);
        assert.equal(lines.offsetAt({ line: end.line + 5, character: 0 }), t.length);
        assert.equal(lines.offsetAt({ line: 0, character: 10 ** 6 }), doc.offsetAt({ line: 0, character: 10 ** 6 }));
      }),
      { numRuns: 300 },
    );
  });
});
