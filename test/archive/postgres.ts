// A throwaway PostgreSQL server for the archive tests: Debian's postgresql,
// installed with apt-get when it is missing (CI runs as root on a clean
// machine), and a cluster of our own made by initdb in a temporary folder,
// listening only on a Unix socket in that folder. No system cluster is
// created, started or touched; the folder goes when the server stops.
//
//   npx tsx test/archive/postgres.ts   install what is missing, print the binaries' folder

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const APT_PACKAGES = ['postgresql'];
/** Debian's postgresql-common would create and start a "main" cluster on install; we only want the binaries. */
const NO_MAIN_CLUSTER = '/etc/postgresql-common/createcluster.d/claimlens-no-main-cluster.conf';

function log(message: string) {
  process.stderr.write(`[postgres] ${message}\n`);
}

/** The newest installed server's bin folder (/usr/lib/postgresql/N/bin), if any. */
export function serverBinaries(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** Installs Debian's PostgreSQL when it is missing; returns the folder of its binaries. */
export function ensurePostgres(): string {
  const found = serverBinaries();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(`the archive tests need PostgreSQL: run  sudo apt-get install -y ${APT_PACKAGES.join(' ')}`);
  log(`installing ${APT_PACKAGES.join(', ')} with apt-get`);
  mkdirSync(join(NO_MAIN_CLUSTER, '..'), { recursive: true });
  if (!existsSync(NO_MAIN_CLUSTER)) writeFileSync(NO_MAIN_CLUSTER, 'create_main_cluster = false\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  run(['update']);
  run(['install', '-y', '--no-install-recommends', ...APT_PACKAGES]);
  const bin = serverBinaries();
  if (!bin) throw new Error('apt-get installed postgresql but no server binaries are in /usr/lib/postgresql');
  return bin;
}

/** The role with a password, for tests of password authentication (every other role is trusted on the socket). */
export const PASSWORD_ROLE = 'claimlens_pw';
export const PASSWORD = 'test-secret-9f2c';

export interface TestServer {
  /** The socket folder (libpq's host). */
  host: string;
  port: number;
  user: string;
  /** A connection string for a database (default "claimlens"). */
  url(database?: string, credentials?: { user: string; password?: string }): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (as a crash would) and starts it again on the same folder. */
  crash(): Promise<void>;
  /** Stops the server at once, as a crash would (start it again with `start`). */
  kill(): Promise<void>;
  /** Starts the server after `kill`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Root may not run a PostgreSQL server: as root, the cluster belongs to
 * Debian's postgres user and the server runs as that user.
 */
function serverUser(): { uid?: number; gid?: number; name: string } {
  if (process.getuid?.() !== 0) return { name: userInfo().username };
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), name: 'postgres' };
}

export async function startTestServer(): Promise<TestServer> {
  const bin = ensurePostgres();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-pg-'));
  const data = join(dir, 'data');
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
  const as = owner.uid !== undefined ? { uid: owner.uid, gid: owner.gid } : {};
  const superuser = 'claimlens';
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', superuser, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...as, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  // The password role authenticates; everyone else on the socket is trusted.
  writeFileSync(join(data, 'pg_hba.conf'), `local all ${PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n`);
  if (owner.uid !== undefined) chownSync(join(data, 'pg_hba.conf'), owner.uid, owner.gid!);
  const port = 5432;
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const args = ['-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60'];
      const proc = spawn(join(bin, 'postgres'), args, { ...as, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (/database system is ready to accept connections/.test(log)) {
          proc.stderr!.off('data', onData);
          proc.stderr!.resume();
          resolve();
        }
      };
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`postgres exited with ${code} before it was ready:\n${log.slice(-2000)}`)));
      proc.once('error', reject);
    });

  const stopChild = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  };

  await start();
  const url = (database = 'claimlens', credentials: { user: string; password?: string } = { user: superuser }) => {
    const auth = credentials.password !== undefined ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}` : encodeURIComponent(credentials.user);
    return `postgresql://${auth}@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`;
  };
  const psql = (sql: string, database = 'postgres') => execFileSync(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', superuser, '-d', database, '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
  psql(`CREATE DATABASE claimlens`);
  psql(`CREATE ROLE ${PASSWORD_ROLE} LOGIN PASSWORD '${PASSWORD}'`);

  const server: TestServer = {
    host: dir,
    port,
    user: superuser,
    url,
    async createDatabase(name: string) {
      psql(`DROP DATABASE IF EXISTS "${name}"`);
      psql(`CREATE DATABASE "${name}"`);
      psql(`GRANT ALL ON DATABASE "${name}" TO ${PASSWORD_ROLE}`);
      psql(`GRANT ALL ON SCHEMA public TO ${PASSWORD_ROLE}`, name);
      return url(name);
    },
    // SIGQUIT is PostgreSQL's immediate shutdown: every session is cut at once, nothing is
    // flushed, and the next start recovers as after a crash. (A SIGKILL would leave the
    // server's children holding its shared memory, and a new server could not start.)
    async crash() {
      await stopChild('SIGQUIT');
      await start();
    },
    async kill() {
      await stopChild('SIGQUIT');
    },
    start,
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (active sessions are ended).
      await stopChild('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

let shared: Promise<TestServer> | undefined;

/** One server for the whole test run, started on first use and stopped by the root hook in hooks.ts. */
export function testServer(): Promise<TestServer> {
  shared ??= startTestServer();
  return shared;
}

export async function stopTestServer(): Promise<void> {
  if (!shared) return;
  const s = shared;
  shared = undefined;
  await (await s.catch(() => undefined))?.stop();
}

// Run directly (not when bundled into the benchmark, where every module is the main one).
if (require.main === module && /postgres\.ts$/.test(process.argv[1] ?? '')) {
  console.log(ensurePostgres());
}
