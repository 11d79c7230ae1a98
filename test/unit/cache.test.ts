// A damaged index cache is ignored and rebuilt with one message, whatever
// the damage: zeroed or truncated bodies, absurd lengths, fields of the
// wrong type, a crafted offset. Findings never change, and the next run is
// warm again.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { CACHE_MIN_SOURCES, readCache } from '../../server/src/corpus/cache';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';

const PREFIX = 20;
const ARTICLE = 'Storm report\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n';

/** A cache file rewritten with a changed header and checksums that match it: only validation can catch it. */
function recrafted(bytes: Buffer, change: (header: Record<string, unknown>) => void): Buffer {
  const length = bytes.readUInt32BE(8);
  const header = deserialize(bytes.subarray(PREFIX, PREFIX + length)) as Record<string, unknown>;
  change(header);
  const next = serialize(header);
  const bodies = bytes.subarray(PREFIX + length);
  const prefix = Buffer.from(bytes.subarray(0, PREFIX));
  prefix.writeUInt32BE(next.length, 8);
  prefix.writeUInt32BE(crc32(next), 12);
  prefix.writeUInt32BE(crc32(bodies), 16);
  return Buffer.concat([prefix, next, bodies]);
}

describe('index cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'claimlens-cache-'));
  const sources = join(root, 'sources');
  const cacheDir = join(root, 'cache');
  mkdirSync(sources);
  for (let i = 0; i < CACHE_MIN_SOURCES; i++) {
    const n = String(i).padStart(3, '0');
    const body = i === 7 ? 'Storm in Port Azure\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\n' : `Town ${n} news\nMayor Ana Ruiz said ${i + 3} roads in Town ${n} will be repaired.\n`;
    writeFileSync(join(sources, `s${n}.txt`), body);
  }
  let file: string;
  let pristine: Buffer;
  let reference: string;

  const load = async () => {
    const corpus = new Corpus({ cacheDir, version: 'test' });
    await corpus.loadAsync([sources]);
    const findings = checkArticle(ARTICLE, { format: 'plaintext', corpus }).findings.map((f) => `${f.kind} ${f.sourceId} ${f.message}`);
    return { corpus, findings: JSON.stringify(findings) };
  };

  before(async () => {
    const first = await load();
    reference = first.findings;
    assert.match(reference, /contradicted-figure sources\/s007\.txt/);
    file = join(cacheDir, readdirSync(cacheDir)[0]);
    pristine = readFileSync(file);
    const warm = await load();
    assert.equal(warm.corpus.lastLoad.cached, CACHE_MIN_SOURCES, 'the pristine cache is used');
    assert.equal(warm.findings, reference);
  });

  const damages: [string, (b: Buffer) => Buffer][] = [
    ['zeroed bodies', (b) => Buffer.concat([b.subarray(0, b.length - 4000), Buffer.alloc(4000)])],
    ['a truncated body section', (b) => b.subarray(0, b.length - 100)],
    ['a truncated header', (b) => b.subarray(0, PREFIX + 10)],
    ['an absurd header length', (b) => (b.writeUInt32BE(0xffffffff, 8), b)],
    ['a flipped header byte', (b) => ((b[PREFIX + 40] ^= 0xff), b)],
    ['index: null', (b) => recrafted(b, (h) => (h.index = null))],
    ['a size of the wrong type', (b) => recrafted(b, (h) => ((h.sources as Record<string, unknown>[])[3].size = '12'))],
    ['officials that are not a list', (b) => recrafted(b, (h) => (((h.sources as Record<string, unknown>[])[5].summary as Record<string, unknown>).officials = 'x'))],
    [
      'a crafted offset (two sources swap bodies)',
      (b) =>
        recrafted(b, (h) => {
          const list = h.sources as { offset: number; length: number }[];
          [list[6].offset, list[7].offset] = [list[7].offset, list[6].offset];
        }),
    ],
    ['an absurd length', (b) => recrafted(b, (h) => ((h.sources as { length: number }[])[2].length = 2 ** 40))],
    ['a search index that is not MiniSearch', (b) => recrafted(b, (h) => ((h.index as { search: string }).search = '{"nope": 1}'))],
  ];

  for (const [name, damage] of damages) {
    it(`is rebuilt after ${name}, with one message and the same findings`, async () => {
      writeFileSync(file, damage(Buffer.from(pristine)));
      const r = await load();
      const messages = r.corpus.problems.filter((p) => /index cache/.test(p.message)).map((p) => p.message);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /is damaged .*; it is rebuilt/);
      assert.equal(r.corpus.lastLoad.prepared, CACHE_MIN_SOURCES);
      assert.equal(r.findings, reference);
      // Rebuilt: the next run starts warm again.
      const next = await load();
      assert.equal(next.corpus.lastLoad.cached, CACHE_MIN_SOURCES);
      assert.equal(next.corpus.problems.length, 0);
    });
  }

  it('reports a missing file as no cache, not as damage', () => {
    assert.equal(readCache(join(root, 'none.bin'), 'k'), undefined);
  });

  it('fails at once, not forever, when the cache folder cannot be made (/proc)', async () => {
    const corpus = new Corpus({ cacheDir: '/proc/claimlens-cache/x', version: 'test' });
    await corpus.loadAsync([sources]);
    assert.ok(corpus.problems.some((p) => /Could not write the index cache/.test(p.message)));
  });
});

describe('source folder walks', () => {
  const root = mkdtempSync(join(tmpdir(), 'claimlens-walk-'));
  // A chain of folders 30 deep with a source at every level, and a wide folder of 60 sources.
  let dir = join(root, 'deep');
  for (let i = 0; i < 30; i++) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `level${i}.txt`), `Level ${i} report\nThe council said ${i + 2} roads were closed.\n`);
    dir = join(dir, 'd');
  }
  mkdirSync(join(root, 'wide'));
  for (let i = 0; i < 60; i++) writeFileSync(join(root, 'wide', `w${i}.txt`), `Wide ${i}\nThe council said ${i + 2} bridges were closed.\n`);

  it('stops at the depth limit and says so', async () => {
    const corpus = new Corpus({ walkLimits: { maxDepth: 5 } });
    await corpus.loadAsync([join(root, 'deep')]);
    assert.equal(corpus.size, 6);
    assert.ok(corpus.problems.some((p) => p.severity === 'warning' && /deeper than 5 levels/.test(p.message)), JSON.stringify(corpus.problems));
  });

  it('stops at the file limit and says so, on the synchronous walk too', () => {
    const corpus = new Corpus({ walkLimits: { maxFiles: 25 } });
    corpus.load([join(root, 'wide')]);
    assert.equal(corpus.size, 25);
    assert.ok(corpus.problems.some((p) => /found 25 files/.test(p.message)));
  });

  it('stops at the entry limit (a walk of / ends)', async () => {
    const corpus = new Corpus({ walkLimits: { maxEntries: 500 } });
    await corpus.loadAsync([{ folder: '/', pattern: '**/no-such-source-*.md' }]);
    assert.equal(corpus.size, 0);
    assert.ok(corpus.problems.some((p) => /Stopped listing \/: looked at 500 entries/.test(p.message)), JSON.stringify(corpus.problems));
  });

  it('is cancelled by its signal', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const corpus = new Corpus();
    await corpus.loadAsync([join(root, 'wide')], undefined, cancel.signal);
    assert.equal(corpus.size, 0);
  });
});
