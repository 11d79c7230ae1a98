// `claimlens FILE...`: the engine as a terminal report, like vale or eslint.
// `--json` prints the contract in DESIGN.md. Exit code: 0 no findings,
// 1 findings, 2 usage or input error (one line on stderr).

import { readFileSync } from 'node:fs';
import { formatOf } from './analysis/analyze.js';
import { defaultCacheDir } from './corpus/cache.js';
import { Corpus } from './corpus/corpus.js';
import { READ_FAILURE_MESSAGES, decodeText, readTextFile } from './corpus/files.js';
import { checkArticle } from './engine.js';
import { parseDate } from './evidence/dates.js';
import { seedsFolder, workerScript } from './paths.js';
import { humanReport, jsonReport, type FileReport } from './report.js';

const USAGE = `Usage: claimlens [--json] [--sources DIR]... [--date YYYY-MM-DD] [--no-seeds] [--max-file-size BYTES] [--cache DIR | --no-cache] FILE...

Checks news articles (plain text or Markdown) against a corpus of source
articles: the bundled seeds plus every --sources folder.

  --json              print a JSON array, one object per file, in the order given
  --sources DIR       add a folder of source articles (repeatable)
  --no-seeds          do not use the bundled seeds/ corpus
  --date YYYY-MM-DD   the articles' publication date (otherwise their front
                      matter or dateline gives it): running totals and titles
                      are compared with sources of the same time
  --max-file-size N   skip files larger than N bytes (default 1048576)
  --cache DIR         keep the index of large corpora here between runs
                      (default $XDG_CACHE_HOME/claimlens or ~/.cache/claimlens)
  --no-cache          neither read nor write the index cache
  -h, --help          show this help
  --version           print the version

Exit code: 0 no findings, 1 findings, 2 usage or input error.
FILE may be - to read standard input.`;

class UsageError extends Error {}

interface Options {
  json: boolean;
  sources: string[];
  seeds: boolean;
  maxFileSize: number;
  cacheDir?: string;
  date?: string;
  files: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { json: false, sources: [], seeds: true, maxFileSize: 1024 * 1024, cacheDir: defaultCacheDir(), files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const [, inline] = a.split(/=(.*)/s);
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${a} needs a value`);
      return v;
    };
    if (a === '--') {
      o.files.push(...argv.slice(i + 1));
      break;
    } else if (a === '--json') o.json = true;
    else if (a === '--sources' || a.startsWith('--sources=')) o.sources.push(value());
    else if (a === '--no-seeds') o.seeds = false;
    else if (a === '--date' || a.startsWith('--date=')) {
      const v = value();
      o.date = parseDate(v);
      if (!o.date) throw new UsageError(`--date needs a date such as 2024-10-07, not "${v}"`);
    }
    else if (a === '--cache' || a.startsWith('--cache=')) o.cacheDir = value();
    else if (a === '--no-cache') o.cacheDir = undefined;
    else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--max-file-size needs a positive number of bytes`);
      o.maxFileSize = n;
    } else if (a === '-h' || a === '--help') return 'help';
    else if (a === '--version') return 'version';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see claimlens --help)`);
    else o.files.push(a);
  }
  if (!o.files.length) throw new UsageError('no files given (see claimlens --help)');
  return o;
}

function readInput(file: string, maxFileSize: number): string {
  if (file === '-') {
    const decoded = decodeText(readFileSync(0));
    if (!decoded.ok) throw new UsageError(`standard input ${READ_FAILURE_MESSAGES[decoded.reason]}`);
    return decoded.text;
  }
  const r = readTextFile(file, maxFileSize);
  if (!r.ok) throw new UsageError(`${file}: ${READ_FAILURE_MESSAGES[r.reason]}${r.reason === 'too-large' ? ` (${r.detail})` : ''}`);
  return r.text;
}



export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`claimlens: ${(e as Error).message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${typeof VERSION === "string" ? VERSION : "dev"}\n`);
    return 0;
  }
  // Read every input first: a bad file stops the run before any output.
  let texts: string[];
  try {
    texts = options.files.map((f) => readInput(f, options.maxFileSize));
  } catch (e) {
    process.stderr.write(`claimlens: ${(e as Error).message}\n`);
    return 2;
  }
  const corpus = new Corpus({ maxFileSize: options.maxFileSize, cacheDir: options.cacheDir, workerScript: workerScript(), version: typeof VERSION === 'string' ? VERSION : 'dev' });
  await corpus.loadAsync([...(options.seeds ? [seedsFolder()] : []), ...options.sources]);
  for (const p of corpus.problems) if (p.severity === 'warning') process.stderr.write(`claimlens: warning: ${p.message}\n`);
  const reports: FileReport[] = options.files.map((file, i) => ({
    file,
    text: texts[i],
    result: checkArticle(texts[i], { format: file === '-' ? 'plaintext' : formatOf(file), corpus, path: file === '-' ? undefined : file, date: options.date }),
  }));
  process.stdout.write(options.json ? JSON.stringify(reports.map(jsonReport), null, 2) + '\n' : humanReport(reports, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  return reports.some((r) => r.result.findings.length) ? 1 : 0;
}

declare const VERSION: string | undefined;

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`claimlens: ${(e as Error)?.message ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
