// `claimlens FILE...`: the engine as a terminal report, like vale or eslint.
// `--json` prints the contract in DESIGN.md; `--json=v2`, `--format sarif`
// and `--format github` serve CI. Exit code: 0 no findings, 1 findings,
// 2 usage or input error (one line on stderr).

import { formatOf } from './analysis/analyze.js';
import { archiveMain } from './archive/cli.js';
import { defaultCacheDir } from './corpus/cache.js';
import { Corpus, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOTAL_BYTES } from './corpus/corpus.js';
import { READ_FAILURE_MESSAGES, decodeText, readTextFile, tooLargeMessage } from './corpus/files.js';
import { checkArticle, checkArticleIn } from './engine.js';
import { archiveMessage } from './archive/db.js';
import { ArchiveStore } from './archive/store.js';
import { parseDate } from './evidence/dates.js';
import { FINDING_KINDS, isSeverityKey, SEVERITIES, type SeverityName } from './evidence/findingKinds.js';
import { seedsFolder, workerScript } from './paths.js';
import { colorWanted, githubReport, humanReport, jsonReport, jsonReportV2, sarifReport, type FileReport, type Problem } from './report.js';

const USAGE = `Usage: claimlens [options] [FILE...]

Checks news articles (plain text or Markdown) against a corpus of source
articles: the bundled seeds plus every --sources folder or file. Without a
FILE, or with -, reads the article from standard input.

  --json              print a JSON array, one object per file, in the order given
  --json=v2           print {"version": 2, "reports": [...], "problems": [...]}:
                      the same reports, and every source skipped or unreadable
  --format FORMAT     human (default), json, json-v2, sarif (SARIF 2.1.0)
                      or github (GitHub Actions annotations)
  --sources PATH      add a folder, a glob ('archive/**/*.md') or a file of
                      source articles (repeatable)
  --no-seeds          do not use the bundled seeds/ corpus
  --severity KIND[/TIER]=LEVEL
                      the severity of a kind of finding (contradicted-figure,
                      disputed-figure, misquote, misattributed-quote,
                      title-conflict), or of one tier of it (same-time, time):
                      error, warning, information or hint (repeatable)
  --date YYYY-MM-DD   the articles' publication date (otherwise their front
                      matter or dateline gives it): running totals and titles
                      are compared with sources of the same time
  --max-file-size N   skip files larger than N bytes, standard input too
                      (default 1048576)
  --max-sources-size N
                      read at most N bytes of sources in all; the files
                      listed after that are not read (default 268435456)
  --stdin-filename F  the name to report standard input under (its extension
                      chooses Markdown or plain text)
  --cache DIR         keep the index of large corpora here between runs
                      (default $XDG_CACHE_HOME/claimlens or ~/.cache/claimlens)
  --no-cache          neither read nor write the index cache
  --archive URL       check against a shared archive (PostgreSQL, filled by
                      claimlens archive ingest) instead of the local corpus;
                      if it cannot be used, one line says why and the local
                      corpus answers (default: CLAIMLENS_ARCHIVE)
  -h, --help          show this help
  --version           print the version

  claimlens archive ingest --db URL FOLDER...   fill a shared archive
                      (see claimlens archive --help)

Skipped sources are reported on stderr, one line each. Colour only on a
terminal, never with NO_COLOR set.
Exit code: 0 no findings, 1 findings, 2 usage or input error.`;

const FORMATS = ['human', 'json', 'json-v2', 'sarif', 'github'] as const;
type OutputFormat = (typeof FORMATS)[number];

class UsageError extends Error {}

interface Options {
  format: OutputFormat;
  sources: string[];
  seeds: boolean;
  maxFileSize: number;
  maxSourcesSize: number;
  cacheDir?: string;
  date?: string;
  severity: Record<string, SeverityName>;
  archive?: string;
  stdinName?: string;
  files: string[];
  /** No FILE was given: standard input stands in, and must not be empty. */
  implicitStdin: boolean;
}

export function parseArgs(argv: string[], stdinIsTTY: boolean): Options | 'help' | 'version' {
  const o: Options = { format: 'human', sources: [], seeds: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, maxSourcesSize: DEFAULT_MAX_TOTAL_BYTES, cacheDir: defaultCacheDir(), archive: process.env.CLAIMLENS_ARCHIVE || undefined, files: [], implicitStdin: false, severity: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const [, inline] = a.split(/=(.*)/s);
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${a} needs a value`);
      return v;
    };
    const named = (name: string) => a === name || a.startsWith(`${name}=`);
    if (a === '--') {
      o.files.push(...argv.slice(i + 1));
      break;
    } else if (a === '--json' || a === '--json=v1') o.format = 'json';
    else if (a === '--json=v2') o.format = 'json-v2';
    else if (a.startsWith('--json=')) throw new UsageError(`--json takes no value or v2, not ${a.slice(7)}`);
    else if (named('--format')) {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format ${f} (one of ${FORMATS.join(', ')})`);
      o.format = f as OutputFormat;
    } else if (named('--sources')) o.sources.push(value());
    else if (a === '--no-seeds') o.seeds = false;
    else if (named('--severity')) {
      const v = value();
      const [key, level] = v.split('=');
      if (!isSeverityKey(key ?? '') || !(SEVERITIES as string[]).includes(level ?? '')) {
        throw new UsageError(`--severity needs KIND[/TIER]=LEVEL, e.g. title-conflict/time=hint, not "${v}" (kinds: ${FINDING_KINDS.map((k) => k.kind).join(', ')}; levels: ${SEVERITIES.join(', ')})`);
      }
      o.severity[key] = level as SeverityName;
    } else if (named('--date')) {
      const v = value();
      o.date = parseDate(v);
      if (!o.date) throw new UsageError(`--date needs a date such as 2024-10-07, not "${v}"`);
    }
    else if (named('--cache')) o.cacheDir = value();
    else if (a === '--no-cache') o.cacheDir = undefined;
    else if (named('--archive')) o.archive = value();
    else if (named('--stdin-filename')) o.stdinName = value();
    else if (named('--max-file-size')) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--max-file-size needs a positive number of bytes`);
      o.maxFileSize = n;
    } else if (named('--max-sources-size')) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--max-sources-size needs a positive number of bytes`);
      o.maxSourcesSize = n;
    } else if (a === '-h' || a === '--help') return 'help';
    else if (a === '--version') return 'version';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see claimlens --help)`);
    else o.files.push(a);
  }
  if (!o.files.length) {
    // A terminal on standard input means nobody is piping an article in.
    if (stdinIsTTY) throw new UsageError('no files given (see claimlens --help)');
    o.files.push('-');
    o.implicitStdin = true;
  }
  if (o.files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return o;
}

const bytes = (n: number) => n.toLocaleString('en-US');

/** Reads standard input up to the limit, and stops reading as soon as it is passed. */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      process.stdin.destroy();
      throw new UsageError(`standard input ${tooLargeMessage('--max-file-size', limit)}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readInput(file: string, options: Options): Promise<string> {
  if (file === '-') {
    const raw = await readStdin(options.maxFileSize);
    if (options.implicitStdin && raw.length === 0) throw new UsageError('no files given and standard input is empty (see claimlens --help)');
    const decoded = decodeText(raw);
    if (!decoded.ok) throw new UsageError(`standard input ${READ_FAILURE_MESSAGES[decoded.reason]}`);
    return decoded.text;
  }
  const r = readTextFile(file, options.maxFileSize);
  if (r.ok) return r.text;
  if (r.reason === 'too-large') throw new UsageError(`${file}: ${tooLargeMessage('--max-file-size', options.maxFileSize)}: ${r.detail.replace(/^\d+/, (n) => bytes(Number(n)))}`);
  throw new UsageError(`${file}: ${READ_FAILURE_MESSAGES[r.reason]}`);
}

/** Every problem once, in the order met: a path reached through two roots is still one problem. */
function uniqueProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && Boolean(seen.add(p.message)));
}

function output(format: OutputFormat, reports: FileReport[], problems: Problem[], sourceText: (path: string) => string | undefined): string {
  switch (format) {
    case 'json':
      return JSON.stringify(reports.map(jsonReport), null, 2) + '\n';
    case 'json-v2':
      return JSON.stringify(jsonReportV2(reports, problems), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(sarifReport(reports, problems, { version: version(), informationUri: 'https://github.com/claimlens/claimlens', sourceText }), null, 2) + '\n';
    case 'github':
      return githubReport(reports, problems);
    case 'human':
      return humanReport(reports, { color: colorWanted(process.stdout, process.env) });
  }
}

const version = () => (typeof VERSION === 'string' ? VERSION : 'dev');

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'archive') return archiveMain(argv.slice(1));
  let options;
  try {
    options = parseArgs(argv, Boolean(process.stdin.isTTY));
  } catch (e) {
    process.stderr.write(`claimlens: ${(e as Error).message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  // Read every input first: a bad file stops the run before any output.
  const texts: string[] = [];
  try {
    for (const f of options.files) texts.push(await readInput(f, options));
  } catch (e) {
    process.stderr.write(`claimlens: ${(e as Error).message}\n`);
    return 2;
  }
  let local: Corpus | undefined;
  const problems: Problem[] = [];
  const localCorpus = async () => {
    if (!local) {
      local = new Corpus({ maxFileSize: options.maxFileSize, maxFileSizeName: '--max-file-size', maxTotalBytes: options.maxSourcesSize, maxTotalBytesName: '--max-sources-size', cacheDir: options.cacheDir, workerScript: workerScript(), version: version() });
      await local.loadAsync([...(options.seeds ? [seedsFolder()] : []), ...options.sources]);
      problems.push(...uniqueProblems(local.problems));
      for (const p of problems) process.stderr.write(`claimlens: ${p.severity === 'warning' ? 'warning' : 'note'}: ${p.message}\n`);
    }
    return local;
  };
  // The archive when one is given and answers; the local corpus otherwise, or from the moment it fails.
  let archive: ArchiveStore | undefined;
  const fallBack = (e: unknown) => {
    process.stderr.write(`claimlens: warning: ${archiveMessage(e, options.archive!).message}; checking against the local corpus instead\n`);
    void archive?.close();
    archive = undefined;
  };
  if (options.archive) archive = await ArchiveStore.open(options.archive).catch((e) => (fallBack(e), undefined));
  const reports: FileReport[] = [];
  for (const [i, file] of options.files.entries()) {
    const name = file === '-' ? options.stdinName : undefined;
    const format = name ? formatOf(name) : file === '-' ? 'plaintext' : formatOf(file);
    const check = { format, path: file === '-' ? undefined : file, date: options.date };
    let result;
    if (archive) result = await checkArticleIn(archive, texts[i], check).catch((e) => (fallBack(e), undefined));
    result ??= checkArticle(texts[i], { ...check, corpus: await localCorpus() });
    reports.push({ file, name, text: texts[i], result, severity: { byKind: options.severity } });
  }
  // Citations in SARIF need the sources' texts, from wherever they came.
  const texts2 = new Map<string, string>();
  if (archive && options.format === 'sarif') {
    const paths = [...new Set(reports.flatMap((r) => [...r.result.findings.flatMap((f) => f.sources.map((s) => s.sourcePath)), ...r.result.support.flat().map((s) => s.sourcePath)]))];
    const found = await archive.sources(paths).catch(() => []);
    paths.forEach((p, i) => found[i] && texts2.set(p, found[i]!.text));
  }
  await archive?.close();
  process.stdout.write(output(options.format, reports, problems, (path) => texts2.get(path) ?? local?.getByPath(path)?.text));
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
