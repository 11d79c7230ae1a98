// Texts crafted to be slow: every shape is analysed in bounded sentences and
// checked with work that grows with the text, not with its square. Work is
// counted (figure comparisons, sentence lengths), never timed: timings are
// the bench's (npm run bench, "hostile shapes").

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, analyzeWithTokens } from '../../server/src/analysis/analyze';
import { findClaims } from '../../server/src/analysis/claims';
import { splitBlocks } from '../../server/src/analysis/blocks';
import { MAX_SENTENCE, parseEnglish, sentences } from '../../server/src/analysis/parse';
import type { Block, Sentence } from '../../server/src/analysis/types';
import { Corpus } from '../../server/src/corpus/corpus';
import { decodeText } from '../../server/src/corpus/files';
import { parseSidecar } from '../../server/src/corpus/metadataSidecar';
import { checkArticle, checkArticleSliced } from '../../server/src/engine';
import { EvidenceContext } from '../../server/src/evidence/context';
import { contradictedFigures } from '../../server/src/evidence/figures';
import { IGNORE_FILE, MAX_IGNORE_ENTRIES, MAX_IGNORE_FILE_BYTES, MAX_IGNORE_TEXT, WorkspaceIgnores } from '../../server/src/ignoreFile';
import { SHAPES } from '../bench/shapes';

const SEEDS = join(__dirname, '..', '..', 'seeds');

/** The sentences a single parse of the whole text finds (what parse.ts did before it parsed in chunks). */
function wholeParse(masked: string, blocks: Block[]): Sentence[] {
  const out: Sentence[] = [];
  let b = 0;
  for (const paragraph of parseEnglish(masked).children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const node of paragraph.children) {
      if (node.type !== 'SentenceNode') continue;
      let start = node.position!.start.offset!;
      const end = node.position!.end.offset!;
      while (b < blocks.length && blocks[b].end <= start) b++;
      for (let k = b; k < blocks.length && blocks[k].start < end; k++) {
        const from = Math.max(start, blocks[k].start);
        const to = Math.min(end, blocks[k].end);
        let a = from;
        let z = to;
        while (a < z && /\s/.test(masked[a])) a++;
        while (z > a && /\s/.test(masked[z - 1])) z--;
        if (blocks[k].kind !== 'skip' && z > a && /[\p{L}\p{N}]/u.test(masked.slice(a, z))) out.push({ start: a, end: z, index: out.length, block: k, kind: blocks[k].kind });
        start = to;
      }
    }
  }
  return out;
}

describe('hostile shapes', () => {
  let corpus: Corpus;
  before(() => {
    corpus = new Corpus();
    corpus.load([SEEDS]);
  });

  it('parsing in chunks finds the same sentences as parsing the whole text, on ordinary articles', () => {
    const article = [
      'Strikes on Lebanon',
      '',
      'Israel’s strikes killed more than 1,400 people, the ministry said. Mr. Kirby said talks would resume on Tuesday.',
      'stating:',
      '"We are acutely aware," Miller said. about 300 residents attended.',
      '- a list item without a full stop',
      '> a quoted line. And another one!',
    ].join('\n');
    for (const format of ['plaintext', 'markdown'] as const) {
      const text = Array(40).fill(article).join('\n\n');
      const { blocks, masked } = splitBlocks(text, format);
      assert.deepEqual(sentences(masked, blocks), wholeParse(masked, blocks), format);
    }
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: bounded sentences, and figure comparisons that grow linearly`, () => {
      const work = (bytes: number) => {
        const text = shape.make(bytes);
        const analysis = analyze(text, { format: shape.format });
        for (const s of analysis.sentences) assert.ok(s.end - s.start <= MAX_SENTENCE, `a sentence of ${s.end - s.start} characters`);
        const ctx = new EvidenceContext(text, analysis, corpus, () => false);
        contradictedFigures(ctx);
        return { comparisons: ctx.work.comparisons, sentences: analysis.sentences.length };
      };
      const one = work(8000);
      const four = work(32000);
      // Linear work is about 4× at 4× the text; the square would be 16×.
      assert.ok(four.comparisons <= 5 * Math.max(100, one.comparisons), `${one.comparisons} → ${four.comparisons} comparisons`);
      assert.ok(four.sentences <= 5 * Math.max(1, one.sentences), `${one.sentences} → ${four.sentences} sentences`);
    });
  }

  it('finds claims sentence by sentence, each listing the document indexes of exactly the figures, officials and quotes inside it', () => {
    // Each sentence's claims see only its own items (a table of thousands of rows made the finder quadratic); their indexes are the document's.
    const text = [
      'The ministry said 1,400 people were killed in Gaza on Monday.',
      '"We will not stop. The strikes go on," said Defense Minister Yoav Gallant, as 300 more fled Rafah, which lies near the border.',
      '| Beirut | 1,400 people | killed in 3 strikes |',
      'Officials said 2 million people were displaced, while aid agencies reported 40 trucks crossed.',
    ].join('\n\n');
    const { analysis, tokens } = analyzeWithTokens(text, { format: 'markdown' });
    assert.ok(analysis.figures.length >= 5 && analysis.quotes.length >= 1 && analysis.officials.length >= 1);
    assert.ok(analysis.claims.some((c) => c.sentence > 0 && c.figures.length && c.quotes.length));
    // Every claim lists exactly the document's figures and officials inside it, and the quotes it overlaps.
    for (const c of analysis.claims) {
      const inside = (x: { start: number; end: number; sentence?: number }) => x.start >= c.start && x.end <= c.end && (x.sentence === undefined || x.sentence === c.sentence);
      assert.deepEqual(c.figures, analysis.figures.flatMap((x, i) => (inside(x) ? [i] : [])), c.text);
      assert.deepEqual(c.officials, analysis.officials.flatMap((x, i) => (inside(x) ? [i] : [])), c.text);
      assert.deepEqual(c.quotes, analysis.quotes.flatMap((x, i) => (x.start < c.end && x.end > c.start ? [i] : [])), c.text);
    }
    assert.deepEqual(analysis.claims, findClaims(text, tokens, analysis.sentences, analysis.figures, analysis.officials, analysis.quotes));
  });

  it('reads a lone CR as a line end, a table row as its own block and nested quote markers as markup', () => {
    const cr = splitBlocks('Storm hits port\rThe storm sank 14 boats.\rOfficials said 3 people died.\r', 'plaintext');
    assert.equal(cr.blocks.length, 3);
    const table = '| City | Killed |\n| --- | ---: |\n| Tyre | 14 people |\n| Sidon | 3 people |\n';
    const t = splitBlocks(table, 'markdown');
    assert.deepEqual(t.blocks.map((b) => t.masked.slice(b.start, b.end).trim().replace(/\s+/g, ' ')), ['City Killed', 'Tyre 14 people', 'Sidon 3 people']);
    const q = splitBlocks('> > > The ministry said 14 people died.\n', 'markdown');
    assert.equal(q.masked.slice(q.blocks[0].start, q.blocks[0].end), 'The ministry said 14 people died.');
  });

  it('reads a file with a NUL byte anywhere as binary, not only in its first 8 KB', () => {
    const bytes = new TextEncoder().encode('The ministry said 14 people died. '.repeat(1000) + '\u0000');
    assert.deepEqual(decodeText(bytes), { ok: false, reason: 'binary' });
  });

  it('the sliced check (analysis elsewhere, evidence in slices) finds what the direct check finds', async () => {
    const articles = join(__dirname, '..', 'fixtures', 'articles');
    const text = readdirSync(articles)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(articles, f), 'utf8'))
      .join('\n')
      .repeat(6);
    const direct = checkArticle(text, { format: 'plaintext', corpus });
    let pauses = 0;
    const sliced = await checkArticleSliced(text, { format: 'plaintext', corpus }, { analyze: async (t, format) => analyze(t, { format }), pause: async () => (pauses++, false) });
    assert.ok(direct.findings.length > 10 && pauses > 5, `${direct.findings.length} findings, ${pauses} pauses`);
    assert.deepEqual(sliced!.findings, direct.findings);
    assert.deepEqual(sliced!.support, direct.support);
    assert.deepEqual(sliced!.analysis.officials, direct.analysis.officials);
    // Cancelled at the first pause: no result.
    assert.equal(await checkArticleSliced(text, { format: 'plaintext', corpus }, { analyze: async (t, format) => analyze(t, { format }), pause: async () => true }), undefined);
  });

  it('a text that overflowed the stack in the sentence parser is analysed ("10-" × 100,000; 2 million blank lines)', () => {
    const dashes = analyze('10-'.repeat(100000));
    assert.ok(dashes.sentences.length > 0);
    const blank = analyze('Headline\n' + '\n'.repeat(2000000) + 'The ministry said 14 people were killed.\n');
    assert.equal(blank.sentences.length, 2);
  });

  it('never quotes a source metadata file that is not JSON', () => {
    const r = parseSidecar('root:x:0:0:secret-shadow-line');
    assert.ok(!r.ok && /not valid JSON/.test(r.message) && !/root|secret/.test(r.message), JSON.stringify(r));
  });

  it('reads an ignore file only within its limits, skipping malformed entries with one message', () => {
    const folder = mkdtempSync(join(tmpdir(), 'claimlens-ignores-'));
    const write = (value: unknown) => writeFileSync(join(folder, IGNORE_FILE), typeof value === 'string' ? value : JSON.stringify(value));
    const good = { kind: 'misquote', text: 'seems productive' };
    write({ ignore: [good, { kind: 'misquote', text: 'x'.repeat(MAX_IGNORE_TEXT + 1) }, { kind: 'Not A Kind!', text: 'a' }, 'x', { kind: 'misquote', text: 'b', file: 7 }] });
    const ignores = new WorkspaceIgnores();
    assert.deepEqual(ignores.entriesFor(folder, join(folder, 'a.md')), [good]);
    assert.equal(ignores.problems.length, 1);
    assert.match(ignores.problems[0], /4 entries were not of the form/);
    // Too large: not read at all (another mtime, so the cache does not answer).
    write({ ignore: [good], padding: 'x'.repeat(MAX_IGNORE_FILE_BYTES) });
    utimesSync(join(folder, IGNORE_FILE), new Date(), new Date(Date.now() + 5000));
    const big = new WorkspaceIgnores();
    assert.deepEqual(big.entriesFor(folder, undefined), []);
    assert.match(big.problems[0], /larger than/);
    // At most MAX_IGNORE_ENTRIES are applied.
    write({ ignore: Array.from({ length: MAX_IGNORE_ENTRIES + 5 }, (_, i) => ({ kind: 'misquote', text: `t${i}` })) });
    assert.equal(new WorkspaceIgnores().entriesFor(folder, undefined).length, MAX_IGNORE_ENTRIES);
  });
});
