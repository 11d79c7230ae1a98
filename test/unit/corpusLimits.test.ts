// How much a corpus load reads in all: the files listed are taken in order
// until their sizes reach the total, the rest are not read, and one line says
// so; a file that appears later is held to the same total.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../server/src/cli';
import { Corpus, DEFAULT_MAX_TOTAL_BYTES } from '../../server/src/corpus/corpus';

/** A story of about `words` words that the corpus reads as a source. */
function story(n: number, words: number): string {
  const sentence = `Officials in Port Azure said ${n} boats sank in the storm on Tuesday. `;
  return sentence.repeat(Math.ceil(words / 12));
}

function folderOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-limits-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the total size of the sources a load reads', () => {
  // Each 1,139 bytes: three fit in 4,500 bytes, four do not.
  const files = { 'a.txt': story(1, 200), 'b.txt': story(2, 200), 'c.txt': story(3, 200), 'd.txt': story(4, 200), 'e.txt': story(5, 200) };

  it('reads the files listed first up to the total and says in one line how many were left', async () => {
    const dir = folderOf(files);
    for (const load of ['sync', 'async'] as const) {
      const corpus = new Corpus({ maxTotalBytes: 4500, maxTotalBytesName: '--max-sources-size' });
      if (load === 'sync') corpus.load([dir]);
      else await corpus.loadAsync([dir]);
      assert.deepEqual(corpus.sources().map((s) => s.id.split('/')[1]).sort(), ['a.txt', 'b.txt', 'c.txt'], load);
      const lines = corpus.problems.filter((p) => /max-sources-size/.test(p.message));
      assert.equal(lines.length, 1, load);
      assert.match(lines[0].message, /^Stopped reading sources at --max-sources-size \(4,500 bytes\): the first 3 files listed are used \([\d,]+ bytes\), the other 2 are not read$/);
      assert.equal(lines[0].severity, 'warning');
    }
  });

  it('does not count a file over the file-size limit, which is skipped with its own message', () => {
    const dir = folderOf({ ...files, 'b.txt': story(2, 2000) });
    const corpus = new Corpus({ maxFileSize: 5000, maxTotalBytes: 4500 });
    corpus.load([dir]);
    assert.deepEqual(corpus.sources().map((s) => s.id.split('/')[1]).sort(), ['a.txt', 'c.txt', 'd.txt']);
    assert.ok(corpus.problems.some((p) => /b\.txt: is larger than/.test(p.message)));
  });

  it('reads everything, with no message, when the sources fit', () => {
    const corpus = new Corpus({ maxTotalBytes: 1e6 });
    corpus.load([folderOf(files)]);
    assert.equal(corpus.size, 5);
    assert.deepEqual(corpus.problems, []);
  });

  it('holds a source that appears later to the same total', () => {
    const dir = folderOf({ 'a.txt': files['a.txt'], 'b.txt': files['b.txt'] });
    const corpus = new Corpus({ maxTotalBytes: 3000 });
    corpus.load([dir]);
    assert.equal(corpus.size, 2);
    writeFileSync(join(dir, 'c.txt'), files['c.txt']);
    assert.equal(corpus.refresh(join(dir, 'c.txt')), false);
    assert.equal(corpus.size, 2);
    assert.match(corpus.problems.map((p) => p.message).join('\n'), /Skipped source .*c\.txt: the sources loaded already reach the limit on the sources' total size \(3,000 bytes\)/);
    // A source that changed is weighed without its old self.
    writeFileSync(join(dir, 'b.txt'), story(9, 200));
    assert.equal(corpus.refresh(join(dir, 'b.txt')), true);
    assert.equal(corpus.size, 2);
  });

  it('is set on the command line as --max-sources-size, 256 MB by default', () => {
    const o = parseArgs(['--max-sources-size', '1000', 'a.txt'], true);
    assert.ok(typeof o === 'object' && o.maxSourcesSize === 1000);
    const d = parseArgs(['a.txt'], true);
    assert.ok(typeof d === 'object' && d.maxSourcesSize === DEFAULT_MAX_TOTAL_BYTES && DEFAULT_MAX_TOTAL_BYTES === 256 * 1024 * 1024);
    assert.throws(() => parseArgs(['--max-sources-size', 'lots', 'a.txt'], true), /--max-sources-size needs a positive number of bytes/);
  });
});
