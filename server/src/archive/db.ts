// Connecting to a shared archive (PostgreSQL): one pool per archive, every
// statement under a timeout, and every failure turned into one line a person
// can act on. Credentials come from the connection string, the environment
// (PGPASSWORD, PGUSER…) or ~/.pgpass, as libpq reads them; a connection
// string is only ever shown masked.

import pg from 'pg';
import { isArchiveUrl, maskUrl } from './url.js';

export { isArchiveUrl, maskUrl };

/** Raised for every archive failure; its message is one line, with the address masked. */
export class ArchiveError extends Error {
  constructor(
    message: string,
    /** Whether the archive went away (connection refused, lost, timed out): the caller falls back to the local corpus. */
    readonly unreachable = false,
  ) {
    super(message);
  }
}

export interface ArchiveOptions {
  /** Connections the pool may open (default 4: an editor checks one document at a time, a CLI a few); the store ranks on at most half of them. */
  max?: number;
  /** Milliseconds any one statement may run (default 10 s). */
  statementTimeout?: number;
  /** Milliseconds to wait for a connection (default 5 s). */
  connectTimeout?: number;
  /** Source objects the store keeps between checks (default 2,000). */
  cachedSources?: number;
  /** How many of the shortest sources with a query's common terms ranking reads before it bounds the rest (default 300; see archive/ranking.ts RANKED). */
  walk?: number;
  /** Whether ranking reads the terms' lists of shortest sources first (default true; tests turn it off to test the SQL ranking alone). */
  lists?: boolean;
  /** Whether people are looked up by name in finalize's people table where the archive has it (default true; tests turn it off to test the lookup by the words of names). */
  peopleTable?: boolean;
}

export function openPool(url: string, options: ArchiveOptions = {}): pg.Pool {
  if (!isArchiveUrl(url)) throw new ArchiveError(`not a PostgreSQL connection string: ${maskUrl(url)} (expected postgresql://…)`);
  const statementTimeout = options.statementTimeout ?? 10_000;
  const connectTimeout = options.connectTimeout ?? 5_000;
  const pool = new pg.Pool({
    ...withoutJit(url),
    max: options.max ?? 4,
    statement_timeout: statementTimeout,
    // A server that has not even said its statement timed out a connect timeout later is gone (stopped, cut off):
    // without this, the statements queued behind one sent to it would wait as long as the operating system keeps the socket.
    query_timeout: statementTimeout ? statementTimeout + connectTimeout : undefined,
    connectionTimeoutMillis: connectTimeout,
    idleTimeoutMillis: 30_000,
    application_name: 'claimlens',
  });
  // An idle connection that dies (the server restarted) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * At most `size` tasks at once, the others waiting their turn in order. The
 * store runs every statement through one as wide as its pool, so a statement
 * waits here, where nothing times out, rather than in the pool's queue, where
 * connectTimeout (meant for a server that does not answer) would fail it only
 * because the check's own statements held every connection.
 */
export class Slots {
  private running = 0;
  private readonly waiting: { start: () => void; fail: (e: unknown) => void }[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    // A finished task hands its slot to the first waiting one.
    else await new Promise<void>((start, fail) => this.waiting.push({ start, fail }));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start();
      else this.running--;
    }
  }

  /** Fails every task still waiting (those running finish) with `e`. */
  failWaiting(e: unknown): void {
    for (const w of this.waiting.splice(0)) w.fail(e);
  }
}

/**
 * The connection string and the server options for each connection: the
 * string's own (or PGOPTIONS), and no JIT compilation. The archive's
 * statements run for milliseconds, but the planner's estimates for RANKED
 * (lateral walks, a subquery per candidate) pass jit_above_cost, and on a
 * small archive the inlining and optimizing thresholds too, so PostgreSQL
 * spent 60 ms (3,000 articles) to 1.1 s (the 5 seeds) compiling each one,
 * against 2 ms of running it. As a startup option it costs no round trip.
 */
function withoutJit(url: string): { connectionString: string; options: string } {
  let own = process.env.PGOPTIONS;
  try {
    const u = new URL(url);
    // node-postgres lets the string's options override the config's: they go into the one list.
    if (u.searchParams.has('options')) {
      own = u.searchParams.get('options') ?? undefined;
      u.searchParams.delete('options');
      url = u.toString();
    }
  } catch {
    // Not a URL node-postgres reads otherwise: it says what is wrong when it connects.
  }
  return { connectionString: url, options: [own, '-c jit=off'].filter(Boolean).join(' ') };
}

/** One line for a failure of the archive at `url`. */
export function archiveMessage(e: unknown, url: string): ArchiveError {
  if (e instanceof ArchiveError) return e;
  const where = maskUrl(url);
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  const text = String(err.message ?? e);
  switch (code) {
    case '28P01':
    case '28000':
      return new ArchiveError(`the archive ${where} refused the credentials (wrong user or password; set PGPASSWORD or ~/.pgpass)`, true);
    case '3D000':
      return new ArchiveError(`the archive ${where} does not exist (create the database, then run claimlens archive ingest)`, true);
    case '57P01':
    case '57P02':
    case '57P03':
      return new ArchiveError(`lost the connection to the archive ${where}: the server shut down`, true);
    case '57014':
      return new ArchiveError(`the archive ${where} took too long to answer (statement timeout)`, true);
    case 'ECONNREFUSED':
    case 'ENOENT':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return new ArchiveError(`cannot reach the archive ${where} (${code})`, true);
  }
  if (/Connection terminated|connection timeout|Client has encountered a connection error|ECONNRESET|EPIPE|timeout exceeded when trying to connect|Query read timeout/i.test(text)) {
    return new ArchiveError(`lost the connection to the archive ${where}`, true);
  }
  // Never echo a message that might carry the connection string.
  return new ArchiveError(`the archive ${where} failed: ${text.split('\n')[0].replace(/postgres(?:ql)?:\/\/\S+/gi, (m) => maskUrl(m))}`);
}

/** Runs `work` in one transaction on one pooled connection: all of it is written, or none. */
export async function transaction<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
