// `claimlens archive ingest --db URL FOLDER...`: fills a shared archive.
// Progress goes to stderr (a line per batch, or one updated line on a
// terminal); the connection string is never printed unmasked.

import { DEFAULT_MAX_FILE_SIZE } from '../corpus/corpus.js';
import { workerScript } from '../paths.js';
import { archiveMessage, maskUrl, openPool } from './db.js';
import { ingest } from './ingest.js';

export const ARCHIVE_USAGE = `Usage: claimlens archive ingest --db URL [options] FOLDER...

Analyses the source articles in each FOLDER (or glob, or file) and stores
them in a PostgreSQL archive that every editor of a desk can check against.
Creates the tables on first use. Files already stored unchanged are skipped,
changed files replace their old version, files gone from a FOLDER are
removed; each batch is one transaction, so an interrupted ingest resumes.

  --db URL            postgresql://user@host:port/database (the password
                      from PGPASSWORD or ~/.pgpass rather than the URL);
                      default: the CLAIMLENS_ARCHIVE environment variable
  --max-file-size N   skip files larger than N bytes (default 1048576)
  --batch N           sources per transaction (default 200)
  -h, --help          show this help`;

export async function archiveMain(argv: string[], out: NodeJS.WriteStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === undefined) {
    process.stdout.write(ARCHIVE_USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  if (command !== 'ingest') {
    out.write(`claimlens: unknown archive command ${command} (see claimlens archive --help)\n`);
    return 2;
  }
  let url = process.env.CLAIMLENS_ARCHIVE;
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  let batchSize = 200;
  const folders: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const [, inline] = a.split(/=(.*)/s);
      return inline ?? rest[++i];
    };
    const named = (name: string) => a === name || a.startsWith(`${name}=`);
    if (named('--db')) url = value();
    else if (named('--max-file-size')) maxFileSize = Number(value());
    else if (named('--batch')) batchSize = Number(value());
    else if (a === '-h' || a === '--help') {
      process.stdout.write(ARCHIVE_USAGE + '\n');
      return 0;
    } else if (a.startsWith('-')) {
      out.write(`claimlens: unknown option ${a} (see claimlens archive --help)\n`);
      return 2;
    } else folders.push(a);
  }
  const usage = (message: string) => (out.write(`claimlens: ${message}\n`), 2);
  if (!url) return usage('archive ingest needs --db URL (or CLAIMLENS_ARCHIVE)');
  if (!folders.length) return usage('archive ingest needs at least one FOLDER');
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) return usage('--max-file-size needs a positive number of bytes');
  if (!Number.isInteger(batchSize) || batchSize <= 0) return usage('--batch needs a positive whole number');

  let pool;
  try {
    pool = openPool(url, { max: 2, statementTimeout: 600_000 });
  } catch (e) {
    return usage(archiveMessage(e, url).message);
  }
  const started = Date.now();
  const tty = Boolean(out.isTTY);
  try {
    const stats = await ingest(pool, url, folders, {
      maxFileSize,
      batchSize,
      workerScript: workerScript(),
      onProgress: (done, total) => out.write(tty ? `\r${done}/${total} sources` : `claimlens: ingest ${done}/${total} sources\n`),
    });
    if (tty) out.write('\n');
    for (const p of stats.problems) out.write(`claimlens: ${p.severity === 'warning' ? 'warning' : 'note'}: ${p.message}\n`);
    const seconds = (Date.now() - started) / 1000;
    out.write(
      `claimlens: ${maskUrl(url)}: ${stats.added} added, ${stats.updated} updated, ${stats.unchanged} unchanged, ${stats.removed} removed (${stats.listed} files, ${seconds.toFixed(1)} s)\n`,
    );
    return 0;
  } catch (e) {
    if (tty) out.write('\n');
    out.write(`claimlens: ${archiveMessage(e, url).message}\n`);
    return 2;
  } finally {
    await pool.end().catch(() => undefined);
  }
}
