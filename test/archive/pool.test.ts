// The archive store's connections: every statement waits its turn in the
// store's own queue (where nothing times out), not in the pool's (where the
// connect timeout would fail it because the check's own statements hold the
// connections); a connection lost or a store closed fails what waits at once,
// in one line; and connections run without JIT compilation.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { analyze } from '../../server/src/analysis/analyze';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { ArchiveStore } from '../../server/src/archive/store';
import { Corpus } from '../../server/src/corpus/corpus';
import type { Passage } from '../../server/src/corpus/passages';
import { MemoryStore } from '../../server/src/corpus/store';
import { sentenceFeatures } from '../../server/src/corpus/terms';
import { ROOT } from '../root';
import { testServer } from './postgres';

const SEEDS = join(ROOT, 'seeds');
/** Short enough that statements queued behind a blocked one would outwait it many times over. */
const CONNECT_TIMEOUT = 200;
/** Ranking without the terms' lists: a statement (or more) per query, many more than connections. */
const PER_QUERY = { lists: false };

const place = (p: Passage) => `${p.source.id}@${p.start}-${p.end}`;

/** Every sentence of the seeds as the query evidence asks with: far more statements than connections. */
function seedQueries(memory: MemoryStore): string[][] {
  return memory.corpus
    .sources()
    .flatMap((s) => {
      const analysis = analyze(s.text, { people: memory.people() });
      return analysis.sentences.map((x) => [...sentenceFeatures(s.text, x, analysis).terms.keys()]);
    })
    .filter((q) => q.length);
}

/** Holds a lock every archive statement needs, until `release`; `blocked` resolves once a statement of `application` waits for it. */
async function lockArchive(url: string): Promise<{ blocked: () => Promise<void>; release: () => Promise<void> }> {
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  locker.on('error', () => undefined);
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE archive_stats IN ACCESS EXCLUSIVE MODE');
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  watcher.on('error', () => undefined);
  return {
    async blocked() {
      // pg_stat_activity shows the store's statement waiting for the lock: an event to wait for, polled.
      for (;;) {
        const r = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'claimlens' AND wait_event_type = 'Lock'`);
        if (r.rows[0].n > 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async release() {
      await watcher.end().catch(() => undefined);
      await locker.query('COMMIT').catch(() => undefined);
      await locker.end().catch(() => undefined);
    },
  };
}

describe('archive: the store queues its statements itself', function () {
  this.timeout(120000);
  let url: string;
  let memory: MemoryStore;
  let queries: string[][];
  /** Backends a test stopped: started again even when the test fails by its timeout, so the server can shut down. */
  let stopped: number[] = [];
  afterEach(() => {
    for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
  });

  before(async () => {
    url = await (await testServer()).createDatabase('pool_queue');
    const pool = openPool(url);
    await ingest(pool, url, [SEEDS]);
    await pool.end();
    const corpus = new Corpus();
    corpus.load([SEEDS]);
    memory = new MemoryStore(corpus);
    queries = seedQueries(memory);
  });

  it("answers many queries through one connection, the queued ones waiting longer than the connect timeout, as the in-memory corpus does", async () => {
    const store = await ArchiveStore.open(url, { ...PER_QUERY, max: 1, connectTimeout: CONNECT_TIMEOUT });
    const lock = await lockArchive(url);
    try {
      assert.ok(queries.length > 50, `${queries.length} queries`);
      const answer = store.retrieve(queries, 40);
      await lock.blocked();
      // The first statement holds the only connection while the others wait behind it, past the connect timeout.
      await new Promise((resolve) => setTimeout(resolve, 3 * CONNECT_TIMEOUT));
      await lock.release();
      const [a, b] = [memory.retrieve(queries, 40), await answer];
      assert.deepEqual(
        b.map((l) => l.map(place)),
        a.map((l) => l.map(place)),
      );
      assert.equal(store.ranking.settled + store.ranking.full, queries.length);
    } finally {
      await lock.release();
      await store.close();
    }
  });

  it('fails what waits, and what is asked later, at once in one line when the store is closed', async () => {
    const store = await ArchiveStore.open(url, { ...PER_QUERY, max: 2 });
    const lock = await lockArchive(url);
    try {
      const answer = store.retrieve(queries, 40);
      const settled = answer.then(
        () => undefined,
        (e: Error) => e,
      );
      await lock.blocked();
      const closing = store.close();
      const e = await settled;
      assert.ok(e, 'the retrieval was answered after its store closed');
      assert.match(e.message, /^the connection to the archive .* was closed$/);
      // And so does a question asked after it.
      await assert.rejects(store.termStats(['harbor']), (later: Error) => later === e);
      await lock.release();
      await closing;
    } finally {
      await lock.release();
    }
  });

  it('fails a check whose connection is lost mid-way, in one line', async () => {
    const server = await testServer();
    const store = await ArchiveStore.open(url, { max: 2 });
    const lock = await lockArchive(url);
    try {
      const answer = store.retrieve(queries, 40).then(
        () => undefined,
        (e: Error & { unreachable?: boolean }) => e,
      );
      await lock.blocked();
      await server.kill();
      const e = await answer;
      assert.ok(e?.unreachable, String(e));
      assert.match(e.message, /^lost the connection to the archive [^\n]*$/);
    } finally {
      await server.start();
      await lock.release();
      await store.close();
    }
  });

  it('fails a check whose server stops answering, in one line, once its statement could have timed out', async () => {
    const store = await ArchiveStore.open(url, { max: 1, statementTimeout: 2000, connectTimeout: 500 });
    const lock = await lockArchive(url);
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      const answer = store.retrieve(queries, 40).then(
        () => undefined,
        (e: Error & { unreachable?: boolean }) => e,
      );
      await lock.blocked();
      // The backend running the store's statement stops, as a server cut off by the network would: it neither answers nor closes.
      const r = await watcher.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'claimlens' AND wait_event_type = 'Lock'`);
      for (const row of r.rows) {
        process.kill(row.pid, 'SIGSTOP');
        stopped.push(row.pid);
      }
      const e = await answer;
      assert.ok(e?.unreachable, String(e));
      assert.match(e.message, /^lost the connection to the archive [^\n]*$/);
    } finally {
      for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
      await watcher.end();
      await lock.release();
      await store.close();
    }
  });

  it("runs without JIT compilation, keeping the connection string's own server options", async () => {
    const pool = openPool(`${url}&options=${encodeURIComponent('-c work_mem=7MB')}`);
    try {
      const r = await pool.query(`SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem`);
      assert.deepEqual(r.rows[0], { jit: 'off', work_mem: '7MB' });
    } finally {
      await pool.end();
    }
  });
});
