// The sidecar: one JSON file per source folder that says what its sources
// are, for files that cannot carry front matter (plain text that must stay
// byte-for-byte as published, saved web pages). Its name and shape:
//
//   <folder>/claimlens-sources.json
//   { "sources": { "<file name, or a path relative to this folder>": {
//       "headline": "…", "outlet": "CNN", "authors": ["…"], "date": "2024-10-07",
//       "url": "https://…", "doi": "10.…", "copiedFrom": "CNN" } } }
//
// A source uses the nearest sidecar, from its own folder up to the corpus
// folder, that has an entry for it. A malformed sidecar is one message and
// is otherwise ignored: its sources are still read, without its metadata;
// entries that name no file in the folder are one message per sidecar.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { jsonErrorWhere } from './files.js';
import { metaFromObject, type SourceMeta } from './metadata.js';

export const SIDECAR_NAME = 'claimlens-sources.json';
/** A sidecar larger than this is not read (it would describe some hundred thousand sources). */
const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;

interface Sidecar {
  entries: Map<string, SourceMeta>;
}

export class Sidecars {
  private readonly byDir = new Map<string, Sidecar | null>();
  /** One line per sidecar (or sidecar entry) that could not be used; the corpus reports and empties it. */
  readonly problems: { path: string; message: string }[] = [];

  /** Forgets what was read (all of it, or one sidecar after it changed). */
  clear(path?: string): void {
    if (path === undefined) this.byDir.clear();
    else this.byDir.delete(dirname(path));
  }

  /** What the sidecars say of the source at `path` in the corpus folder `folder`. */
  lookup(folder: string, path: string): SourceMeta | undefined {
    let dir = dirname(path);
    for (;;) {
      const entry = this.read(dir)?.entries.get(relative(dir, path).split(sep).join('/'));
      if (entry) return entry;
      if (dir === folder || !dir.startsWith(folder) || dirname(dir) === dir) return undefined;
      dir = dirname(dir);
    }
  }

  private read(dir: string): Sidecar | null {
    const hit = this.byDir.get(dir);
    if (hit !== undefined) return hit;
    const path = join(dir, SIDECAR_NAME);
    const sidecar = this.parse(path);
    this.byDir.set(dir, sidecar);
    return sidecar;
  }

  private parse(path: string): Sidecar | null {
    let text: string;
    try {
      const st = statSync(path);
      if (!st.isFile()) return null;
      if (st.size > MAX_SIDECAR_BYTES) return this.problem(path, `is larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB`);
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? null : this.problem(path, `cannot be read (${(e as Error).message})`);
    }
    const checked = parseSidecar(text);
    if (!checked.ok) return this.problem(path, checked.message);
    for (const p of checked.problems) this.problems.push({ path, message: `Source metadata ${path}: ${p}` });
    const orphans = namesWithoutFile(dirname(path), checked.entries.keys());
    if (orphans.length) {
      const listed = orphans.slice(0, 3).map((n) => JSON.stringify(n)).join(', ') + (orphans.length > 3 ? ` and ${orphans.length - 3} more` : '');
      const verb = orphans.length === 1 ? 'names no file' : 'name no file';
      this.problems.push({ path, message: `Source metadata ${path}: ${listed} ${verb} in ${dirname(path)} (a misspelt file name?); ${orphans.length === 1 ? 'its' : 'their'} metadata is not used` });
    }
    return { entries: checked.entries };
  }

  private problem(path: string, why: string): null {
    this.problems.push({ path, message: `Source metadata ${path} ${why}; its sources are read without it` });
    return null;
  }
}

export type ParsedSidecar = { ok: true; entries: Map<string, SourceMeta>; problems: string[] } | { ok: false; message: string };

/** Checks a sidecar's text against the schema above; a bad entry loses only its own bad fields. */
export function parseSidecar(text: string): ParsedSidecar {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `is not valid JSON (${jsonErrorWhere(e)})` };
  }
  const sources = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>).sources : undefined;
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) {
    return { ok: false, message: 'must be an object with "sources": { "<file name>": { "headline", "outlet", "date", … } }' };
  }
  const entries = new Map<string, SourceMeta>();
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(sources)) {
    const { meta, problems: p } = metaFromObject(raw, `"${name}"`);
    problems.push(...p);
    entries.set(name.replace(/^\.\//, '').split('\\').join('/'), meta);
  }
  return { ok: true, entries, problems };
}

/** The entries of a sidecar in `dir` that name no file there: their metadata would silently apply to nothing. */
function namesWithoutFile(dir: string, names: Iterable<string>): string[] {
  let here: Set<string> | undefined;
  const out: string[] = [];
  for (const name of names) {
    if (name.includes('/')) {
      if (!existsSync(join(dir, name))) out.push(name);
      continue;
    }
    if (!here) {
      try {
        here = new Set(readdirSync(dir));
      } catch {
        return [];
      }
    }
    if (!here.has(name)) out.push(name);
  }
  return out;
}

/** Whether a changed file is a sidecar. */
export function isSidecar(path: string): boolean {
  return basename(path) === SIDECAR_NAME;
}
