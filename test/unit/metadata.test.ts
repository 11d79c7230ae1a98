// Source metadata from each place it can come from, on texts and pages
// written here; malformed metadata is one message and the source is still used.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBibtex, parseCslJson, findEntry } from '../../server/src/bibliography';
import { cite, footnoteText, inlineText, referencesEdit } from '../../server/src/citations';
import { Corpus } from '../../server/src/corpus/corpus';
import { htmlOffset, readHtml } from '../../server/src/corpus/html';
import { dateline, formatDate, frontMatter, metaFromText, parseDate, sourceLabel } from '../../server/src/corpus/metadata';
import { parseSidecar, SIDECAR_NAME } from '../../server/src/corpus/metadataSidecar';
import type { SourceRef } from '../../server/src/evidence/types';
import { ROOT } from '../root';

/** A saved news page: metadata in the head, navigation, the article, a footer. */
const PAGE = readFileSync(join(ROOT, 'test', 'fixtures', 'pages', 'harbor-storm.html'), 'utf8');

describe('source metadata', () => {
  it('reads YAML front matter and blanks nothing it does not own', () => {
    const text = '---\ntitle: Storm sinks 14 boats\noutlet: Port Azure Gazette\nauthors: [Ines Moreau, Tomas Keller]\ndate: 2025-03-04\nurl: https://gazette.example/storm\n---\nStorm sinks 14 boats\nThe storm sank 14 boats.\n';
    const fm = frontMatter(text);
    assert.deepEqual(fm.meta, { headline: 'Storm sinks 14 boats', outlet: 'Port Azure Gazette', authors: ['Ines Moreau', 'Tomas Keller'], date: '2025-03-04', url: 'https://gazette.example/storm' });
    assert.deepEqual(fm.problems, []);
    assert.equal(text.slice(fm.end), 'Storm sinks 14 boats\nThe storm sank 14 boats.\n');
  });

  it('names malformed front matter once and keeps the fields that are fine', () => {
    assert.match(frontMatter('---\ntitle: [unclosed\n---\nBody.\n').problems.join(), /^front matter is not valid YAML/);
    const partly = frontMatter('---\noutlet: Gazette\ndate: last Tuesday\nurl: gazette.example\n---\nBody.\n');
    assert.deepEqual(partly.meta, { outlet: 'Gazette' });
    assert.deepEqual(partly.problems, ['front matter: "date" "last Tuesday" is not a date (write 2024-10-07)', 'front matter: "url" must start with http:// or https://']);
  });

  it('reads a dateline: outlet always, the date only with a year', () => {
    assert.deepEqual(dateline('Storm report\nWASHINGTON, Sept 25 (Reuters) - The Pentagon said on Wednesday...'), { outlet: 'Reuters' });
    assert.deepEqual(dateline('BEIRUT, Oct. 7, 2024 (AFP) — Strikes hit the south.'), { outlet: 'AFP', date: '2024-10-07' });
    assert.deepEqual(dateline('Port Azure (Gazette) -- Boats sank.'), { outlet: 'Gazette' });
    assert.deepEqual(dateline('The minister (who spoke on Monday) said nothing.'), {});
  });

  it('takes the first line as the headline and an "Original Source:" line as what the text copies', () => {
    assert.deepEqual(metaFromText('Storm sinks 14 boats\nThe storm sank 14 boats.\nOriginal Source: www.cnn.com\n', false), { headline: 'Storm sinks 14 boats', copiedFrom: 'CNN' });
    assert.deepEqual(metaFromText('\n# Storm *sinks* boats\n\nBody.\n', true), { headline: 'Storm sinks boats' });
    // A first line that is plainly the story's first paragraph is not a headline.
    assert.deepEqual(metaFromText('The harbor authority said on Monday that the storm had sunk fourteen fishing boats in Port Azure.\nMore.\n', false), {});
  });

  it('reads dates in the forms sources write them, and none it cannot be sure of', () => {
    assert.equal(parseDate('2024-10-07T23:30:00-04:00'), '2024-10-07');
    assert.equal(parseDate('7 October 2024'), '2024-10-07');
    assert.equal(parseDate('Oct. 7, 2024'), '2024-10-07');
    assert.equal(parseDate('Sept 25'), undefined);
    assert.equal(parseDate('2024-02-30'), undefined);
    assert.equal(formatDate('2024-09-25', 'short'), '25 Sep 2024');
  });

  it('validates a sidecar with clear messages', () => {
    const good = parseSidecar(JSON.stringify({ sources: { 'a.txt': { outlet: 'AFP', date: '2024-05-07' }, 'b.txt': { authors: 3, outlet: 'AP' } } }));
    assert.ok(good.ok);
    if (good.ok) {
      assert.deepEqual(good.entries.get('a.txt'), { outlet: 'AFP', date: '2024-05-07' });
      assert.deepEqual(good.entries.get('b.txt'), { outlet: 'AP' });
      assert.deepEqual(good.problems, ['"b.txt": "authors" must be a name or a list of names']);
    }
    assert.deepEqual(parseSidecar('{"a.txt": {}}'), { ok: false, message: 'must be an object with "sources": { "<file name>": { "headline", "outlet", "date", … } }' });
    const bad = parseSidecar('{ sources: ');
    assert.ok(!bad.ok && /^is not valid JSON/.test(bad.message));
  });

  it('reads a saved web page: JSON-LD over meta tags, main text without navigation, passages mapped into the HTML', () => {
    const withLd = PAGE.replace('<style>', '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Storm sinks 14 boats","datePublished":"2025-03-05","author":[{"@type":"Person","name":"Ines Moreau"},{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"@type":"Organization","name":"The Gazette"}}]}</script>\n<style>');
    const ld = readHtml(withLd);
    assert.ok(ld.ok);
    if (ld.ok) assert.deepEqual(ld.meta, { headline: 'Storm sinks 14 boats', outlet: 'The Gazette', authors: ['Ines Moreau', 'Ana Ruiz'], date: '2025-03-05', url: 'https://gazette.example/2025/03/04/storm' });
    const r = readHtml(PAGE);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.deepEqual(r.meta, { headline: 'Storm sinks 14 fishing boats in Port Azure', outlet: 'Port Azure Gazette', authors: ['Ines Moreau'], date: '2025-03-04', url: 'https://gazette.example/2025/03/04/storm' });
    assert.equal(r.text.split('\n')[0], 'Storm sinks 14 fishing boats in Port Azure');
    assert.ok(!r.text.includes('Home') && !r.text.includes('color') && !r.text.includes('Copyright'));
    assert.ok(r.text.includes('“We have never seen waves like this,” harbor master Tomas Keller told reporters at the quay & the pier'));
    for (const words of ['harbor master Tomas Keller', 'Rescue teams from two', 'three crew members', 'sank <b>14 fishing boats</b> in Port Azure']) {
      const at = htmlOffset(r.map, r.text.indexOf(words.replace(/<\/?b>/g, '')));
      assert.equal(PAGE.slice(at, at + words.length), words);
    }
    // Inline tags are skipped; decoded entities point at the entity in the HTML.
    const amp = htmlOffset(r.map, r.text.indexOf('& the pier'));
    assert.equal(PAGE.slice(amp, amp + 5), '&amp;');
  });

  it('turns away what is not a readable page with a message', () => {
    assert.deepEqual(readHtml('just some words, no markup at all'), { ok: false, message: 'does not look like an HTML page' });
    assert.deepEqual(readHtml('<html><body><nav>Home</nav></body></html>'), { ok: false, message: 'has no article text' });
  });
});

describe('source metadata in the corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-meta-'));
  const folder = join(dir, 'desk');
  mkdirSync(join(folder, 'wires'), { recursive: true });
  writeFileSync(join(folder, 'harbor.txt'), 'Storm sinks 14 boats\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n');
  writeFileSync(join(folder, 'wires', 'copy.txt'), 'Boats lost in Port Azure storm\nPORT AZURE, March 4, 2025 (Reuters) - The harbor authority said 14 boats sank.\n');
  writeFileSync(join(folder, 'front.md'), '---\noutlet: [not, a, name]\ndate: 2025-03-06\n---\n# Harbor reopens\n\nThe port reopened on Thursday.\n');
  writeFileSync(join(folder, 'page.html'), PAGE);
  writeFileSync(join(folder, 'broken.html'), '<html><body><nav>Home</nav></body></html>');
  writeFileSync(join(folder, SIDECAR_NAME), JSON.stringify({ sources: { 'harbor.txt': { outlet: 'Gazette', date: '2025-03-04', url: 'https://gazette.example/harbor' }, 'wires/copy.txt': { headline: 'Storm: 14 boats sink' }, 'front.md': { outlet: 'Sidecar outlet' } } }));

  it('merges front matter, sidecar, page and text in that order of trust; problems are messages, the sources stay', () => {
    const corpus = new Corpus();
    corpus.load([folder]);
    const byName = (n: string) => corpus.sources().find((s) => s.id.endsWith(n))!;
    assert.deepEqual(byName('harbor.txt').meta, { headline: 'Storm sinks 14 boats', outlet: 'Gazette', date: '2025-03-04', url: 'https://gazette.example/harbor' });
    assert.deepEqual(byName('copy.txt').meta, { headline: 'Storm: 14 boats sink', outlet: 'Reuters', date: '2025-03-04' });
    // The malformed outlet in front matter is a message; the sidecar's outlet fills in.
    assert.deepEqual(byName('front.md').meta, { headline: 'Harbor reopens', outlet: 'Sidecar outlet', date: '2025-03-06' });
    assert.equal(byName('page.html').label, 'Port Azure Gazette, "Storm sinks 14 fishing boats in Port Azure", 4 Mar 2025');
    assert.equal(byName('broken.html'), undefined);
    const messages = corpus.problems.map((p) => p.message).join('\n');
    assert.match(messages, /Source metadata in .*front\.md: front matter: "outlet" must be a string; the source is read without it/);
    assert.match(messages, /broken\.html: the web page has no article text/);
  });

  it('reads a broken sidecar as one message and uses the sources without it; a fixed one applies without re-reading', () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'note.txt'), 'Council meets\nThe council met on Monday.\n');
    writeFileSync(join(other, SIDECAR_NAME), '{ "sources": { "note.txt": ');
    const corpus = new Corpus();
    corpus.load([other]);
    assert.equal(corpus.size, 1);
    assert.deepEqual(corpus.problems.map((p) => p.message.replace(other, 'DIR')), [`Source metadata DIR/${SIDECAR_NAME} is not valid JSON (Unexpected end of JSON input); its sources are read without it`]);
    assert.equal(corpus.sources()[0].label, '"Council meets"');
    writeFileSync(join(other, SIDECAR_NAME), '{ "sources": { "note.txt": { "outlet": "Town Crier" } } }');
    assert.equal(corpus.refresh(join(other, SIDECAR_NAME)), true);
    assert.equal(corpus.sources()[0].label, 'Town Crier, "Council meets"');
  });
});

describe('citations from metadata', () => {
  const ref = (meta: SourceRef['sourceMeta']): SourceRef => ({ sourceId: 'desk/a.txt', sourcePath: '/desk/a.txt', start: 0, end: 5, text: 'x', sourceMeta: meta });
  const full = ref({ outlet: 'Gazette', headline: 'Storm sinks "14" boats', authors: ['Ines Moreau', 'Ana Ruiz'], date: '2025-03-04', url: 'https://gazette.example/storm' });

  it('writes footnotes and inline notes in the documented order, with what is known', () => {
    assert.equal(footnoteText(full), `Gazette, "Storm sinks '14' boats", Ines Moreau and Ana Ruiz, 4 March 2025, https://gazette.example/storm`);
    assert.equal(footnoteText(ref({ headline: 'Storm sinks boats', copiedFrom: 'www.cnn.com' })), '"Storm sinks boats", copy of CNN');
    assert.equal(footnoteText(ref({})), 'desk/a.txt');
    assert.equal(footnoteText(ref({ copiedFrom: 'CNN', date: '2024-10-08' })), 'desk/a.txt, copy of CNN, 8 October 2024');
    assert.equal(sourceLabel({ copiedFrom: 'CNN' }, 'desk/a.txt'), 'desk/a.txt (copy of CNN)');
    assert.equal(inlineText(full), '(Gazette, 4 Mar 2025)');
    assert.equal(inlineText(ref({})), '(source: desk/a.txt)');
    assert.equal(sourceLabel({ outlet: 'Gazette' }, 'desk/a.txt'), 'Gazette');
  });

  it('keys Pandoc citations by the bibliography (URL, DOI or title), else a generated key with its entry', () => {
    const bib = parseBibtex('@string{g = "Gazette"}\n@article{moreau2025,\n  title = {Storm Sinks {"14"} Boats},\n  url = {http://www.gazette.example/storm/}\n}\n@misc{other, title = "Other"}\n');
    assert.deepEqual(bib.map((e) => e.key), ['moreau2025', 'other']);
    assert.equal(findEntry(bib, { url: 'https://gazette.example/storm' })?.key, 'moreau2025');
    const csl = parseCslJson('[{"id": "doi-entry", "DOI": "10.1000/XYZ"}]');
    assert.equal(findEntry(csl.entries, { doi: 'https://doi.org/10.1000/xyz' })?.key, 'doi-entry');
    const claim = { start: 0, end: 14 };
    assert.deepEqual(cite('The storm hit.\n', claim, full, 'pandoc', { keys: {}, entries: bib })?.edits, [{ start: 13, end: 13, newText: ' [@moreau2025]' }]);
    const generated = cite('The storm hit.\n', claim, full, 'pandoc', { keys: {}, entries: [{ key: 'gazette2025storm' }] })!;
    assert.equal(generated.mark, '[@gazette2025stormb]');
    assert.deepEqual(generated.entry, { id: 'gazette2025stormb', type: 'article-newspaper', title: 'Storm sinks "14" boats', 'container-title': 'Gazette', author: [{ literal: 'Ines Moreau' }, { literal: 'Ana Ruiz' }], issued: { 'date-parts': [[2025, 3, 4]] }, URL: 'https://gazette.example/storm' });
  });

  it('appends an entry to a references file, creates one, and leaves a file that is not CSL JSON alone', () => {
    const apply = (text: string, e: { start: number; end: number; newText: string }[]) => e.reduceRight((t, x) => t.slice(0, x.start) + x.newText + t.slice(x.end), text);
    const one = referencesEdit(undefined, { id: 'a' })!;
    assert.equal(one.create, true);
    const created = apply('', one.edits);
    assert.deepEqual(JSON.parse(created), [{ id: 'a' }]);
    assert.deepEqual(JSON.parse(apply(created, referencesEdit(created, { id: 'b' })!.edits)), [{ id: 'a' }, { id: 'b' }]);
    assert.deepEqual(JSON.parse(apply('[ ]\n', referencesEdit('[ ]\n', { id: 'c' })!.edits)), [{ id: 'c' }]);
    assert.equal(referencesEdit('{"not": "a list"}', { id: 'd' }), undefined);
  });
});
