// Metadata files that are wrong in part say so in one line (file and what is
// wrong) and lose nothing else: the bibliography and references files a
// Pandoc citation reads, and the sidecar's entries that name no file.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCslJson, readBibtex } from '../../server/src/bibliography';
import { Corpus } from '../../server/src/corpus/corpus';
import { jsonErrorWhere } from '../../server/src/corpus/files';
import { SIDECAR_NAME } from '../../server/src/corpus/metadataSidecar';

const STORY = 'Storm sinks boats\nThe storm sank 14 fishing boats in Port Azure on Tuesday, the harbour master said.\n';

describe('malformed metadata files', () => {
  it('names a BibTeX value never closed, and keeps the entries read', () => {
    const bib = readBibtex('@misc{first, title = "First"}\n@article{storm,\n  title = {Storm {sinks boats},\n}\n@misc{other, title = "Other"}\n', 'lib.bib');
    assert.deepEqual(bib.entries.map((e) => e.key), ['first', 'storm', 'other']);
    assert.equal(bib.problem, 'The bibliography lib.bib: entry "storm" is malformed at line 5 (a field such as title = {…}, or the entry\'s closing brace, was expected); what follows in it is not read');
  });

  it('names a brace that never closes, with the line it opens on', () => {
    const bib = readBibtex('@article{storm,\n  title = {Storm {sinks} boats,\n  url = {x}\n', 'lib.bib');
    assert.match(bib.problem!, /^The bibliography lib\.bib: entry "storm" has a value whose braces never close \(from line 2\); the entries after it are lost$/);
  });

  it('names a file with no BibTeX entries at all, but not an empty one or one of @string definitions only', () => {
    assert.equal(readBibtex('title: Storm\nurl: x\n', 'notes.bib').problem, 'The bibliography notes.bib has no BibTeX entries (@article{key, …})');
    assert.equal(readBibtex('\n', 'empty.bib').problem, undefined);
    assert.equal(readBibtex('@string{g = "Gazette"}\n', 'strings.bib').problem, undefined);
  });

  it('names CSL JSON entries without a key, and uses the others', () => {
    const csl = parseCslJson('[{"id": "a", "title": "A"}, {"title": "no key"}, {"id": ""}]', 'refs.json', 'The references file');
    assert.deepEqual(csl.entries.map((e) => e.key), ['a']);
    assert.equal(csl.problem, 'The references file refs.json: 2 entries have no "id" (the citation key) and are not used');
    assert.equal(csl.unusable, undefined);
    const broken = parseCslJson('{"id": "a"}', 'refs.json', 'The references file');
    assert.equal(broken.unusable, true);
    assert.equal(broken.problem, 'The references file refs.json must be a CSL JSON array of entries');
  });

  it('never quotes the text of a file that is not JSON', () => {
    let error: unknown;
    try {
      JSON.parse('secret-token: abc123');
    } catch (e) {
      error = e;
    }
    assert.doesNotMatch(jsonErrorWhere(error), /secret|abc123/);
    assert.match(parseCslJson('password = "hunter2"', 'r.json').problem!, /^The bibliography r\.json is not valid JSON \((?!.*hunter2)/);
  });

  it('names sidecar entries for files that do not exist, in one line, and applies the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-sidecar-'));
    mkdirSync(join(dir, 'desk'));
    writeFileSync(join(dir, 'storm.txt'), STORY);
    writeFileSync(join(dir, 'desk', 'flood.txt'), STORY.replace('Storm', 'Flood'));
    const entries: Record<string, object> = { 'storm.txt': { outlet: 'Gazette', date: '2025-03-04' }, 'desk/flood.txt': { outlet: 'Courier' } };
    for (const name of ['strom.txt', 'desk/flod.txt', 'a.txt', 'b.txt', 'c.txt']) entries[name] = { outlet: 'Nobody' };
    writeFileSync(join(dir, SIDECAR_NAME), JSON.stringify({ sources: entries }));
    const corpus = new Corpus();
    corpus.load([dir]);
    assert.equal(corpus.size, 2);
    assert.equal(corpus.getByPath(join(dir, 'storm.txt'))!.meta.outlet, 'Gazette');
    assert.equal(corpus.getByPath(join(dir, 'desk', 'flood.txt'))!.meta.outlet, 'Courier');
    const lines = corpus.problems.map((p) => p.message);
    assert.deepEqual(lines, [`Source metadata ${join(dir, SIDECAR_NAME)}: "strom.txt", "desk/flod.txt", "a.txt" and 2 more name no file in ${dir} (a misspelt file name?); their metadata is not used`]);
    assert.equal(corpus.problems[0].severity, 'warning');
  });

  it('says nothing of a sidecar whose entries all name files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-sidecar-'));
    writeFileSync(join(dir, 'storm.txt'), STORY);
    writeFileSync(join(dir, SIDECAR_NAME), JSON.stringify({ sources: { 'storm.txt': { outlet: 'Gazette' } } }));
    const corpus = new Corpus();
    corpus.load([dir]);
    assert.deepEqual(corpus.problems, []);
  });
});
