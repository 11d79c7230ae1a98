// Our own labelled articles (test/fixtures/articles), in the format of the
// shared eval: every labelled figure, official, finding and support link
// must come out, and nothing else may.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatOf } from '../../server/src/analysis/analyze';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';

const DIR = join(__dirname, '..', 'fixtures', 'articles');
const SEEDS = join(__dirname, '..', '..', 'seeds');

interface Labels {
  figures: { anchor: string; value: number }[];
  optionalFigures?: string[];
  officials: { anchor: string; name: string; title?: string }[];
  /** `source`: the source the finding must cite, or any of several that say the same. */
  findings: { anchor: string; kind: 'figure' | 'quote' | 'title'; source: string | string[] }[];
  supported: { anchor: string; sources: string[] }[];
  unsupported: { anchor: string }[];
}

const KIND = { figure: 'contradicted-figure', quote: 'misquote', title: 'title-conflict' } as const;

const span = (text: string, anchor: string) => {
  const start = text.indexOf(anchor);
  if (start < 0) throw new Error(`anchor not in article: ${anchor}`);
  return { start, end: start + anchor.length };
};
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe('labelled test articles', () => {
  const corpus = new Corpus();
  before(() => corpus.load([SEEDS]));

  for (const file of readdirSync(DIR).filter((f) => /\.(txt|md)$/.test(f))) {
    describe(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const labels: Labels = JSON.parse(readFileSync(join(DIR, file.replace(/\.(txt|md)$/, '.expect.json')), 'utf8'));
      let result: ReturnType<typeof checkArticle>;
      before(() => {
        result = checkArticle(text, { format: formatOf(file), corpus });
      });

      it('finds every labelled figure with its value inside the interval', () => {
        for (const f of labels.figures) {
          const got = result.analysis.figures.find((p) => overlaps(p, span(text, f.anchor)));
          assert.ok(got, `figure not found: ${f.anchor}`);
          assert.ok((got.low ?? -Infinity) <= f.value && (got.high ?? Infinity) >= f.value, `${f.anchor} read as [${got.low}, ${got.high}]`);
        }
      });

      it('finds no other figures', () => {
        const allowed = [...labels.figures.map((f) => f.anchor), ...(labels.optionalFigures ?? [])].map((a) => span(text, a));
        const extra = result.analysis.figures.filter((p) => !allowed.some((a) => overlaps(p, a))).map((p) => p.text);
        assert.deepEqual(extra, []);
      });

      it('finds every labelled official with the canonical name and title', () => {
        for (const o of labels.officials) {
          const got = result.analysis.officials.find((p) => overlaps(p, span(text, o.anchor)));
          assert.ok(got, `official not found: ${o.anchor}`);
          assert.equal(got.name, o.name, o.anchor);
          if (o.title) assert.equal(got.title?.toLowerCase(), o.title.toLowerCase(), o.anchor);
        }
      });

      it('raises every labelled finding, citing the right source', () => {
        for (const f of labels.findings) {
          const got = result.findings.find((p) => overlaps(p, span(text, f.anchor)) && p.kind === KIND[f.kind]);
          assert.ok(got, `finding missed (${f.kind}): ${f.anchor}`);
          const allowed = Array.isArray(f.source) ? f.source : [f.source];
          assert.ok(allowed.some((src) => got.sourceId.endsWith(src)), `${f.anchor} cites ${got.sourceId}, expected ${allowed.join(' or ')}`);
        }
      });

      it('raises no other findings', () => {
        const allowed = labels.findings.map((f) => span(text, f.anchor));
        const extra = result.findings.filter((p) => !allowed.some((a) => overlaps(p, a))).map((p) => `${p.kind}: ${text.slice(p.start, p.end)}`);
        assert.deepEqual(extra, []);
      });

      it('links the labelled claims to their sources, and nothing to the unsupported ones', () => {
        const claimAt = (anchor: string) => result.analysis.claims.findIndex((c) => overlaps(c, span(text, anchor)));
        for (const s of labels.supported) {
          const i = claimAt(s.anchor);
          assert.ok(i >= 0, `no claim at ${s.anchor}`);
          const cited = result.support[i].map((x) => x.sourceId);
          assert.ok(s.sources.some((src) => cited.some((c) => c.endsWith(src))), `${s.anchor}: cited ${cited.join(', ') || 'nothing'}`);
        }
        for (const u of labels.unsupported) {
          const i = claimAt(u.anchor);
          assert.deepEqual(i >= 0 ? result.support[i].map((x) => x.sourceId) : [], [], u.anchor);
        }
      });

      it('finds no other officials', () => {
        const allowed = labels.officials.map((o) => span(text, o.anchor));
        const extra = result.analysis.officials.filter((p) => !allowed.some((a) => overlaps(p, a))).map((p) => p.text);
        assert.deepEqual(extra, []);
      });
    });
  }
});
