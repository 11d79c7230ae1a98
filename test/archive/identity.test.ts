// The archive gives the same answers as the in-memory corpus: identical JSON
// reports (figures, officials, quotes, claims with their support, findings)
// for our fixtures, the dev articles of the shared evaluation when they are
// beside the clone, and the seeds themselves, from the in-memory corpus and
// from PostgreSQL holding the same sources. And a check keeps working when
// the archive goes away: one clear message, the local corpus answers.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOf } from '../../server/src/analysis/analyze';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { ArchiveStore } from '../../server/src/archive/store';
import { Corpus } from '../../server/src/corpus/corpus';
import { MemoryStore } from '../../server/src/corpus/store';
import { checkArticleIn } from '../../server/src/engine';
import { jsonReport } from '../../server/src/report';
import { ROOT } from '../root';
import { PASSWORD_ROLE, testServer } from './postgres';

const DEV = join(ROOT, '..', 'shared', 'eval', 'dev');
const articlesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f)).map((f) => join(dir, f)) : []);

describe('archive and in-memory corpus give identical reports', function () {
  this.timeout(300000);
  let dir: string;

  before(() => {
    // Copies named as the originals, so source ids read "seeds/…" as in the reports we score.
    dir = mkdtempSync(join(tmpdir(), 'claimlens-identity-'));
    cpSync(join(ROOT, 'seeds'), join(dir, 'seeds'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'articles'), join(dir, 'articles'), { recursive: true, filter: (f) => !f.endsWith('.json') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, folders] of [
    ['the seeds', ['seeds']],
    ['the seeds and our fixtures', ['seeds', 'articles']],
  ] as const) {
    it(`with ${name} as sources`, async () => {
      const roots = folders.map((f) => join(dir, f));
      const corpus = new Corpus();
      corpus.load(roots);
      const memory = new MemoryStore(corpus);
      const url = await (await testServer()).createDatabase(`identity_${folders.length}`);
      const pool = openPool(url);
      await ingest(pool, url, roots);
      await pool.end();
      // People looked up by name in finalize's people table, and (as an archive from before that table) by the words of names.
      const archives = [await ArchiveStore.open(url), await ArchiveStore.open(url, { peopleTable: false })];
      try {
        const files = [...articlesIn(join(dir, 'articles')), ...articlesIn(DEV), ...articlesIn(join(dir, 'seeds'))];
        let supported = 0;
        for (const file of files) {
          const text = readFileSync(file, 'utf8');
          const options = { format: formatOf(file), path: file };
          const a = await checkArticleIn(memory, text, options);
          const expected = jsonReport({ file, text, result: a });
          for (const [i, archive] of archives.entries()) {
            const b = await checkArticleIn(archive, text, options);
            assert.deepEqual(jsonReport({ file, text, result: b }), expected, `${file} (${i ? 'by words' : 'by name'})`);
            assert.deepEqual(b.independent, a.independent, file);
          }
          supported += expected.claims.filter((c) => c.support.length).length;
        }
        assert.ok(files.length >= 10 && supported >= 10, `${files.length} articles, ${supported} supported claims`);
      } finally {
        await Promise.all(archives.map((a) => a.close()));
      }
    });
  }
});

/** Runs the CLI bundle (built before the unit suite) and collects its output. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { env: { ...process.env, CLAIMLENS_ARCHIVE: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('claimlens --archive', function () {
  this.timeout(300000);
  const article = join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt');
  let url: string;

  before(async () => {
    const server = await testServer();
    url = await server.createDatabase('cli_archive');
    const pool = openPool(url);
    await ingest(pool, url, [join(ROOT, 'seeds')]);
    await pool.end();
  });

  it('reports as the local corpus does', async () => {
    const [local, shared] = await Promise.all([cli(['--json', '--no-cache', article]), cli(['--json', '--no-cache', '--archive', url, article])]);
    assert.equal(shared.stderr, '');
    assert.equal(shared.code, local.code);
    assert.equal(shared.stdout, local.stdout);
  });

  it('says in one line why the archive cannot be used, and the local corpus answers', async () => {
    const server = await testServer();
    const local = await cli(['--json', '--no-cache', article]);
    const cases: [string, RegExp][] = [
      [server.url('cli_archive', { user: PASSWORD_ROLE, password: 'wrong-password' }), /refused the credentials/],
      [server.url('no_such_database'), /does not exist/],
      [await server.createDatabase('cli_empty'), /has no Claim Lens tables/],
      [`postgresql://nobody@localhost:1/x?host=${encodeURIComponent(join(tmpdir(), 'no-socket-here'))}`, /cannot reach the archive/],
    ];
    for (const [bad, why] of cases) {
      const r = await cli(['--json', '--no-cache', '--archive', bad, article]);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], why);
      assert.match(lines[0], /checking against the local corpus instead/);
      assert.ok(!lines[0].includes('wrong-password'));
      assert.equal(r.stdout, local.stdout);
    }
  });

  it('falls back when the database is killed between checks', async () => {
    const server = await testServer();
    const store = await ArchiveStore.open(url);
    const text = readFileSync(article, 'utf8');
    const first = await checkArticleIn(store, text, { format: 'plaintext', path: article });
    assert.ok(first.support.some((s) => s.length));
    await server.kill();
    try {
      await assert.rejects(checkArticleIn(store, text, { format: 'plaintext', path: article }), (e: Error & { unreachable?: boolean }) => e.unreachable === true && !e.message.includes('\n'));
    } finally {
      await server.start();
      await store.close();
    }
  });
});
