// How much source text one load reads in all. The walk already stops at a
// number of files and each file at a size, but `--sources /` (or a home
// folder full of saved pages) still lists up to 20,000 files of up to the
// file-size limit each: gigabytes to read, analyse and hold in memory. The
// files are taken in the order they are listed until their sizes reach the
// total; the rest are not read, and one line says so.

import { statSync } from 'node:fs';
import type { CorpusProblem } from './listing.js';

/**
 * The default total: some 50,000 news stories of typical length, about two
 * minutes of indexing at the bench's rate and within the memory the corpus
 * is meant to use; a corpus larger than this belongs in the shared archive.
 */
export const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export interface Budget {
  /** Files larger than this are skipped when read (with their own message), so they do not count. */
  maxFileSize: number;
  maxTotalBytes: number;
  /** How the user sets the total, for the message ("--max-sources-size"). */
  name: string;
}

/** What a file's stat said: the cache's freshness check reads it again rather than asking the file system twice. */
export type FileStats = Map<string, { size: number; mtimeMs: number }>;

/**
 * The files (as [root folder, path]) that fit the total, in order, the line
 * that says what was left out, and the size and time of each file weighed.
 */
export function withinBudget(files: [string, string][], budget: Budget): { files: [string, string][]; problem?: CorpusProblem; stats: FileStats } {
  const stats: FileStats = new Map();
  if (!Number.isFinite(budget.maxTotalBytes)) return { files, stats };
  let total = 0;
  for (let i = 0; i < files.length; i++) {
    const st = statOf(files[i][1]);
    if (st) stats.set(files[i][1], st);
    const size = st?.size ?? 0;
    if (size > budget.maxFileSize) continue;
    if (total + size > budget.maxTotalBytes) {
      const left = files.length - i;
      return {
        stats,
        files: files.slice(0, i),
        problem: {
          path: files[i][0],
          message: `Stopped reading sources at ${budget.name} (${budget.maxTotalBytes.toLocaleString('en-US')} bytes): ${i === 1 ? 'the first file listed is used' : `the first ${i} files listed are used`} (${total.toLocaleString('en-US')} bytes), ${left === 1 ? 'the other one is' : `the other ${left} are`} not read`,
          severity: 'warning',
        },
      };
    }
    total += size;
  }
  return { files, stats };
}

/** Whether one more file (a source that appeared or changed) fits beside the sources loaded; says why not otherwise. */
export function fitsBeside(path: string, loaded: Iterable<{ size: number }>, budget: Budget): { ok: true } | { ok: false; problem: CorpusProblem } {
  if (!Number.isFinite(budget.maxTotalBytes)) return { ok: true };
  const size = statOf(path)?.size ?? 0;
  if (size > budget.maxFileSize) return { ok: true };
  let total = 0;
  for (const s of loaded) total += s.size;
  if (total + size <= budget.maxTotalBytes) return { ok: true };
  return { ok: false, problem: { path, message: `Skipped source ${path}: the sources loaded already reach ${budget.name} (${budget.maxTotalBytes.toLocaleString('en-US')} bytes)`, severity: 'warning' } };
}

/** A file's size and time; one that cannot be looked at counts nothing here (reading it says what is wrong). */
function statOf(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  } catch {
    return undefined;
  }
}
