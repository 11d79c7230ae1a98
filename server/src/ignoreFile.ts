// Findings dismissed for the whole workspace live in `.claimlens-ignore.json`
// at the workspace folder's root:
//
//   { "ignore": [ { "kind": "misquote", "text": "seems productive", "file": "drafts/a.md" } ] }
//
// "file" (relative to the folder) limits an entry to one article; without it
// the entry holds everywhere. The file is re-read when it changes on disk.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreMarker } from './analysis/ignores.js';
import { FINDING_KINDS, isFindingKind } from './evidence/findingKinds.js';
import { relativePath } from './paths.js';

export const IGNORE_FILE = '.claimlens-ignore.json';

export interface IgnoreEntry extends IgnoreMarker {
  file?: string;
}

interface Cached {
  mtimeMs: number;
  entries: IgnoreEntry[];
}

export class WorkspaceIgnores {
  private readonly cache = new Map<string, Cached>();
  /** Problems reading an ignore file, reported once per change. */
  readonly problems: string[] = [];

  /** The entries that apply to one article of a workspace folder. */
  entriesFor(folder: string | undefined, articlePath: string | undefined): IgnoreMarker[] {
    if (!folder) return [];
    const rel = articlePath ? relativePath(folder, articlePath) : undefined;
    return this.read(folder).filter((e) => !e.file || e.file === rel);
  }

  /** Adds an entry and writes the file; returns the file's path. */
  add(folder: string, entry: IgnoreEntry): string {
    const path = join(folder, IGNORE_FILE);
    const entries = this.read(folder).filter((e) => !(e.kind === entry.kind && e.text === entry.text && e.file === entry.file));
    entries.push(entry);
    writeFileSync(path, JSON.stringify({ ignore: entries }, null, 2) + '\n');
    this.cache.delete(folder);
    return path;
  }

  private read(folder: string): IgnoreEntry[] {
    const path = join(folder, IGNORE_FILE);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return [];
    }
    const hit = this.cache.get(folder);
    if (hit && hit.mtimeMs === mtimeMs) return hit.entries;
    let entries: IgnoreEntry[] = [];
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { ignore?: unknown };
      const list = Array.isArray(json.ignore) ? json.ignore : [];
      entries = list.filter(
        (e): e is IgnoreEntry =>
          typeof e === 'object' && e !== null && typeof e.kind === 'string' && typeof e.text === 'string' && (e.file === undefined || typeof e.file === 'string'),
      );
      if (entries.length !== list.length) this.problems.push(`${path}: ${list.length - entries.length} entries were not of the form {"kind", "text", "file"?} and are skipped`);
      const unknown = [...new Set(entries.filter((e) => !isFindingKind(e.kind)).map((e) => e.kind))];
      if (unknown.length) this.problems.push(`${path}: unknown finding kind ${unknown.map((k) => JSON.stringify(k)).join(', ')} (known: ${FINDING_KINDS.map((k) => k.kind).join(', ')})`);
    } catch (e) {
      this.problems.push(`${path} is not valid JSON (${(e as Error).message}); no workspace ignores are applied`);
    }
    this.cache.set(folder, { mtimeMs, entries });
    return entries;
  }
}
