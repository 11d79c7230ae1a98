// Listing the files below a folder with limits: a source folder may be the
// whole file system (`--sources /`), a tree deeper than any archive, or a
// loop of links. The walk keeps its own stack (no recursion per level),
// stops at a depth, a number of files and a number of entries looked at,
// never enters pseudo file systems, can be cancelled, and says which limit
// it hit. The asynchronous walk reads folders with fs.promises, so the
// server answers requests meanwhile.

import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkLimits {
  /** Folders deeper than this below the root are not entered. */
  maxDepth: number;
  /** The walk stops after finding this many files. */
  maxFiles: number;
  /** The walk stops after looking at this many entries (files and folders alike). */
  maxEntries: number;
}

export const WALK_LIMITS: WalkLimits = { maxDepth: 24, maxFiles: 20000, maxEntries: 100000 };

/** Kernel and device file systems: nothing in them is an article, and reading some never ends. */
const PSEUDO = new Set(['/proc', '/sys', '/dev', '/run']);

export interface WalkOptions {
  limits?: Partial<WalkLimits>;
  /** Whether to enter a folder (by its name). */
  enter(name: string): boolean;
  /** Whether a file (or a link) belongs to the result. */
  accept(entry: Dirent, path: string): boolean;
  signal?: AbortSignal;
  /** Called now and then with the number of files found so far. */
  onFound?(files: number): void;
}

export interface WalkResult {
  files: string[];
  /** Folders that could not be read, with why. */
  unreadable: { path: string; message: string }[];
  /** The limit the walk stopped at, in words; undefined when it saw everything. */
  limited?: string;
  cancelled?: boolean;
}

class Walk {
  readonly result: WalkResult = { files: [], unreadable: [] };
  private readonly stack: [string, number][];
  private entries = 0;
  private readonly limits: WalkLimits;

  constructor(
    root: string,
    private readonly options: WalkOptions,
  ) {
    this.limits = { ...WALK_LIMITS, ...options.limits };
    this.stack = [[root, 0]];
  }

  /** The next folder to read, or undefined when the walk is over. */
  next(): [string, number] | undefined {
    if (this.result.limited || this.result.cancelled) return undefined;
    if (this.options.signal?.aborted) {
      this.result.cancelled = true;
      return undefined;
    }
    return this.stack.pop();
  }

  visit(dir: string, depth: number, entries: Dirent[]): void {
    const { maxDepth, maxFiles, maxEntries } = this.limits;
    for (const e of entries) {
      if (++this.entries > maxEntries) {
        this.result.limited = `looked at ${maxEntries} entries`;
        return;
      }
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!this.options.enter(e.name) || PSEUDO.has(path)) continue;
        if (depth + 1 > maxDepth) {
          this.result.limited ??= `folders deeper than ${maxDepth} levels are not read`;
          continue;
        }
        this.stack.push([path, depth + 1]);
      } else if (this.options.accept(e, path)) {
        if (this.result.files.length >= maxFiles) {
          this.result.limited = `found ${maxFiles} files`;
          return;
        }
        this.result.files.push(path);
      }
    }
  }

  failed(dir: string, e: unknown): void {
    this.result.unreadable.push({ path: dir, message: (e as Error).message });
  }

  sorted(): WalkResult {
    this.result.files.sort();
    return this.result;
  }
}

export function walkSync(root: string, options: WalkOptions): WalkResult {
  const w = new Walk(root, options);
  for (let next = w.next(); next; next = w.next()) {
    const [dir, depth] = next;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      w.failed(dir, e);
      continue;
    }
    w.visit(dir, depth, entries);
  }
  return w.sorted();
}

export async function walk(root: string, options: WalkOptions): Promise<WalkResult> {
  const w = new Walk(root, options);
  let last = Date.now();
  for (let next = w.next(); next; next = w.next()) {
    const [dir, depth] = next;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      w.failed(dir, e);
      continue;
    }
    w.visit(dir, depth, entries);
    if (Date.now() - last > 100) {
      options.onFound?.(w.result.files.length);
      last = Date.now();
    }
  }
  return w.sorted();
}
