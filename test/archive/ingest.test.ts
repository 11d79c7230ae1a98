// `claimlens archive ingest` against a real PostgreSQL: what it stores is
// what the in-memory corpus computes from the same files (term counts,
// passages, lengths), and it stays so when files are ingested again, change,
// disappear, or when a batch fails half way.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { checkSchema } from '../../server/src/archive/schema';
import { archiveMain } from '../../server/src/archive/cli';
import { Corpus } from '../../server/src/corpus/corpus';
import { SIDECAR_NAME } from '../../server/src/corpus/metadataSidecar';
import { ROOT } from '../root';
import { PASSWORD, PASSWORD_ROLE, testServer } from './postgres';

const ARTICLES: Record<string, string> = {
  'harbor.txt': 'Port officials said 1,200 containers were stranded at the Elm Harbor terminal on Tuesday.\n\nHarbor Master Dana Whitcombe said the cranes would restart by Friday.\n',
  'council.md': '# Council vote\n\nThe city council approved $4.5 million for road repairs, Mayor Lena Ortiz said.\n\nOrtiz said the work would start in March.\n',
  'storm.txt': 'The storm cut power to about 30,000 homes across the county, the utility said.\n\nCrews restored power to half of them by the evening.\n',
};

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-ingest-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** What the in-memory corpus counts for these folders: passages, per-term passage counts, total source length. */
function memoryCounts(folders: string[]) {
  const corpus = new Corpus();
  corpus.load(folders);
  const idf = corpus.passages.idf.toJSON();
  return { sources: corpus.size, passages: idf.n, df: new Map(idf.df) };
}

async function archiveCounts(pool: pg.Pool) {
  const stats = (await pool.query('SELECT sources, passages FROM archive_stats')).rows[0];
  const terms = await pool.query('SELECT term, passages FROM terms WHERE passages > 0');
  const rows = (await pool.query('SELECT count(*)::int AS n FROM sources')).rows[0].n;
  const passageRows = (await pool.query('SELECT count(*)::int AS n FROM passages')).rows[0].n;
  assert.equal(Number(stats.sources), rows, 'the kept count of sources matches the rows');
  assert.equal(Number(stats.passages), passageRows, 'the kept count of passages matches the rows');
  return { sources: rows, passages: passageRows, df: new Map<string, number>(terms.rows.map((r) => [r.term, r.passages])) };
}

describe('archive ingest', function () {
  this.timeout(120000);
  const temporary: string[] = [];
  let pool: pg.Pool;
  let url: string;

  before(async () => {
    const server = await testServer();
    url = await server.createDatabase('ingest_test');
    pool = openPool(url);
  });
  after(async () => {
    await pool?.end();
    for (const d of temporary) rmSync(d, { recursive: true, force: true });
  });
  const folder = (files: Record<string, string>) => {
    const d = folderWith(files);
    temporary.push(d);
    return d;
  };

  it('refuses a database without its tables, in one line', async () => {
    await assert.rejects(checkSchema(pool, url), /has no Claim Lens tables: run {2}claimlens archive ingest/);
  });

  it('stores the counts the in-memory corpus computes, for the seeds and for small texts', async () => {
    const seeds = join(ROOT, 'seeds');
    const mine = folder(ARTICLES);
    const stats = await ingest(pool, url, [seeds, mine]);
    assert.deepEqual([stats.added, stats.updated, stats.unchanged, stats.removed], [7, 0, 0, 0]);
    assert.deepEqual(await archiveCounts(pool), memoryCounts([seeds, mine]));
    await checkSchema(pool, url);
  });

  it('skips unchanged files, replaces changed ones and removes deleted ones', async () => {
    const dir = folder(ARTICLES);
    const seeds = join(ROOT, 'seeds');
    await ingest(pool, url, [seeds, dir]);
    const again = await ingest(pool, url, [seeds, dir]);
    assert.equal(again.added + again.updated + again.removed, 0);
    assert.equal(again.unchanged, 7);

    writeFileSync(join(dir, 'storm.txt'), 'The storm cut power to about 45,000 homes, the utility said on Monday.\n');
    unlinkSync(join(dir, 'harbor.txt'));
    const changed = await ingest(pool, url, [seeds, dir]);
    assert.deepEqual([changed.added, changed.updated, changed.removed, changed.unchanged], [0, 1, 1, 5]);
    const archive = await archiveCounts(pool);
    // The first test's folder is still in the archive: compare with both.
    const other = (await pool.query(`SELECT DISTINCT folder FROM sources WHERE folder NOT IN ($1, $2)`, [seeds, dir])).rows.map((r) => r.folder);
    assert.deepEqual(archive, memoryCounts([seeds, dir, ...other]));
  });

  it('leaves whole batches when one fails, and a second run completes the archive', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`story-${i}.txt`] = `Officials counted ${100 + i} ballots in ward ${i} on Sunday, the clerk said.\n`;
    files['story-poison.txt'] = 'The clerk said 12 ballots were missing from ward nine.\n';
    const dir = folder(files);
    const db = await (await testServer()).createDatabase('ingest_batches');
    const p = openPool(db);
    try {
      await ingest(p, db, [dir], { batchSize: 2 });
      await p.query(`DELETE FROM sources`);
      await p.query(`UPDATE archive_stats SET sources = 0, passages = 0, doc_length = 0`);
      await p.query(`DELETE FROM terms`);
      // A trigger rejects one file: its batch fails as a whole.
      await p.query(`CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.locator LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await p.query(`CREATE TRIGGER poison BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION poison()`);
      await assert.rejects(ingest(p, db, [dir], { batchSize: 2 }), (e: Error) => /failed: poisoned row/.test(e.message) && !e.message.includes('\n'));
      const partial = await archiveCounts(p);
      assert.equal(partial.sources % 2, 0, 'only whole batches were written');
      assert.ok(partial.sources < 7);
      await p.query(`DROP TRIGGER poison ON sources`);
      const resumed = await ingest(p, db, [dir], { batchSize: 2 });
      assert.equal(resumed.unchanged, partial.sources, 'the batches written before are not written again');
      assert.deepEqual(await archiveCounts(p), memoryCounts([dir]));
    } finally {
      await p.end();
    }
  });

  it('analyses many files on worker threads, a few at a time, and stops them when a batch fails', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) files[`ward-${i}.txt`] = `Officials counted ${1000 + i * 7} ballots in ward ${i} on Sunday, Clerk Ana Ruiz said.\n\nTurnout in ward ${i} was ${20 + (i % 50)} percent.\n`;
    // Early in the listing, so most files are still to analyse when its batch fails.
    files['ward-1-poison.txt'] = 'The clerk said 12 ballots were missing from ward nine.\n';
    const dir = folder(files);
    const workerScript = join(ROOT, 'dist', 'indexer.js');
    const db = await (await testServer()).createDatabase('ingest_workers');
    const p = openPool(db);
    try {
      await p.query(`CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.locator LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      const first = folder({ 'first.txt': 'The clerk said 3 wards reported late.\n' });
      await ingest(p, db, [first]);
      await p.query(`CREATE TRIGGER poison BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION poison()`);
      await assert.rejects(ingest(p, db, [dir], { batchSize: 20, workerScript }), /failed: poisoned row/);
      const partial = await archiveCounts(p);
      assert.equal((partial.sources - 1) % 20, 0, 'only whole batches were written');
      // Nothing is written after ingest gave up.
      assert.deepEqual(await archiveCounts(p), partial);
      await p.query(`DROP TRIGGER poison ON sources`);
      const resumed = await ingest(p, db, [dir], { batchSize: 20, workerScript });
      assert.equal(resumed.added + resumed.unchanged, 241);
      assert.equal(resumed.unchanged, partial.sources - 1);
      assert.deepEqual(await archiveCounts(p), memoryCounts([first, dir]));
    } finally {
      await p.end();
    }
  });

  it('finalizes an archive that grows and shrinks into the same rows as a fresh ingest of the same files', async () => {
    const server = await testServer();
    const tables = async (p: pg.Pool) => ({
      summaries: (await p.query('SELECT source, summary, group_id FROM summaries ORDER BY source')).rows,
      mentions: (await p.query('SELECT source, ord, name, title, bare FROM mentions ORDER BY source, ord')).rows,
      persons: (await p.query('SELECT name, record FROM persons ORDER BY name')).rows,
    });
    const fresh = async (name: string, folders: string[]) => {
      const p = openPool(await server.createDatabase(name));
      try {
        await ingest(p, '', folders);
        return await tables(p);
      } finally {
        await p.end();
      }
    };
    // The first folder names Whitcombe bare and copies a story nearly word for word; the second titles her.
    const story = 'Port officials said 1,200 containers were stranded at the Elm Harbor terminal on Tuesday after a crane failure, and the terminal operator said the backlog would take at least a week to clear once the cranes were running again.\n';
    const a = folder({ 'a1.txt': 'Whitcombe said the cranes would restart by Friday.\n', 'a2.txt': story, 'a3.txt': story.replace('Tuesday', 'Monday') });
    const b = folder({ 'b1.txt': 'Harbor Master Dana Whitcombe said 1,200 containers were stranded.\n\nWhitcombe said the port would reopen.\n' });
    const db = await server.createDatabase('ingest_grow');
    const p = openPool(db);
    try {
      await ingest(p, db, [a]);
      await ingest(p, db, [a, b]);
      const grown = await tables(p);
      assert.ok(grown.summaries.some((r) => r.summary !== null), 'a bare name was resolved by the later folder');
      assert.deepEqual(grown, await fresh('ingest_grow_fresh', [a, b]));
      unlinkSync(join(b, 'b1.txt'));
      await ingest(p, db, [a, b]);
      const shrunk = await tables(p);
      assert.ok(shrunk.summaries.every((r) => r.summary === null), 'the name is bare again');
      assert.deepEqual(shrunk, await fresh('ingest_shrink_fresh', [a, b]));
    } finally {
      await p.end();
    }
  });

  it("keeps each source's sidecar metadata, written with new sources and updated for unchanged ones", async () => {
    const dir = folder({ ...ARTICLES, [SIDECAR_NAME]: JSON.stringify({ sources: { 'harbor.txt': { outlet: 'Gazette', date: '2025-03-04' } } }) });
    const db = await (await testServer()).createDatabase('ingest_sidecar');
    const p = openPool(db);
    const metadata = async () => Object.fromEntries((await p.query('SELECT locator, metadata FROM sources')).rows.map((r) => [r.locator.slice(dir.length + 1), r.metadata]));
    try {
      await ingest(p, db, [dir]);
      assert.deepEqual(await metadata(), { 'harbor.txt': { outlet: 'Gazette', date: '2025-03-04' }, 'council.md': {}, 'storm.txt': {} });
      writeFileSync(join(dir, SIDECAR_NAME), JSON.stringify({ sources: { 'storm.txt': { outlet: 'Courier' } } }));
      const again = await ingest(p, db, [dir]);
      assert.equal(again.unchanged, 3);
      assert.deepEqual(await metadata(), { 'harbor.txt': {}, 'council.md': {}, 'storm.txt': { outlet: 'Courier' } });
      assert.ok(again.finalizeMs > 0, 'new metadata is finalized (it can make a source a copy of another)');
      const still = await ingest(p, db, [dir]);
      assert.equal(still.finalizeMs, 0, 'nothing changed, nothing to finalize');
    } finally {
      await p.end();
    }
  });

  it('names a schema of an older version', async () => {
    const db = await (await testServer()).createDatabase('ingest_old');
    const p = openPool(db);
    try {
      await ingest(p, db, [folder({ 'a.txt': 'The mayor said 3 bridges were closed.\n' })]);
      await p.query('UPDATE claimlens_schema SET version = 0');
      await assert.rejects(checkSchema(p, db), /has schema version 0, older than this Claim Lens \(version 2\)/);
      await assert.rejects(ingest(p, db, [folder({ 'b.txt': 'x\n' })]), /schema version 0, older/);
    } finally {
      await p.end();
    }
  });

  it('the command reports progress and never prints the password', async () => {
    const server = await testServer();
    await server.createDatabase('ingest_cli');
    const lines: string[] = [];
    const out = { write: (s: string) => lines.push(s), isTTY: false } as unknown as NodeJS.WriteStream;
    const dir = folder(ARTICLES);
    const good = server.url('ingest_cli', { user: PASSWORD_ROLE, password: PASSWORD });
    assert.equal(await archiveMain(['ingest', '--db', good, dir], out), 0);
    const text = lines.join('');
    assert.match(text, /ingest 3\/3 sources/);
    assert.match(text, /3 added, 0 updated, 0 unchanged, 0 removed/);
    assert.ok(!text.includes(PASSWORD), text);

    lines.length = 0;
    const bad = server.url('ingest_cli', { user: PASSWORD_ROLE, password: 'not-the-password' });
    assert.equal(await archiveMain(['ingest', '--db', bad, dir], out), 2);
    assert.equal(lines.length, 1, lines.join(''));
    assert.match(lines[0], /refused the credentials/);
    assert.ok(!lines[0].includes('not-the-password'));

    lines.length = 0;
    assert.equal(await archiveMain(['ingest', dir], out), 2);
    assert.match(lines.join(''), /needs --db URL/);
  });
});

describe('archive ingest of a copied folder', function () {
  this.timeout(120000);
  it('gives a copy the same counts as the original folder in memory', async () => {
    const server = await testServer();
    const db = await server.createDatabase('ingest_fixtures');
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-fixtures-'));
    cpSync(join(ROOT, 'test', 'fixtures', 'articles'), dir, { recursive: true });
    const p = openPool(db);
    try {
      await ingest(p, db, [dir]);
      assert.deepEqual(await archiveCounts(p), memoryCounts([dir]));
    } finally {
      await p.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
