// Findings dismissed for the whole workspace live in `.claimlens-ignore.json`
// at the workspace folder's root:
//
//   { "ignore": [ { "kind": "misquote", "text": "seems productive", "file": "drafts/a.md" } ] }
//
// "file" (relative to the folder) limits an entry to one article; without it
// the entry holds everywhere. The file is re-read when it changes on disk.
//
// The file comes with the workspace, which may not be trusted: it is read
// only when it really lies in the folder (not a link to a file elsewhere),
// within size limits, and messages about it never quote its content; it is
// written by renaming a new file over it, so a link is replaced, never
// followed.

import { closeSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreMarker } from './analysis/ignores.js';
import { FINDING_KINDS, isFindingKind } from './evidence/findingKinds.js';
import { reallyInside, relativePath } from './paths.js';

export const IGNORE_FILE = '.claimlens-ignore.json';
/** An ignore file larger than this is not read (a real one holds a few hundred entries). */
export const MAX_IGNORE_FILE_BYTES = 256 * 1024;
/** Entries beyond this many are not applied. */
export const MAX_IGNORE_ENTRIES = 2000;
/** An entry's text or file longer than this is no finding's text: the entry is skipped. */
export const MAX_IGNORE_TEXT = 1000;

/** A finding kind as the in-document markers spell it ("contradicted-figure"). */
const KIND_RE = /^[a-z][a-z-]{0,39}$/;

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
    const problem = invalidEntry(entry);
    if (problem) throw new Error(`cannot ignore this finding: ${problem}`);
    const path = join(folder, IGNORE_FILE);
    const entries = this.read(folder).filter((e) => !(e.kind === entry.kind && e.text === entry.text && e.file === entry.file));
    if (entries.length >= MAX_IGNORE_ENTRIES) throw new Error(`${path} already holds ${MAX_IGNORE_ENTRIES} entries`);
    entries.push(entry);
    writeReplacing(path, JSON.stringify({ ignore: entries }, null, 2) + '\n');
    this.cache.delete(folder);
    return path;
  }

  private read(folder: string): IgnoreEntry[] {
    const path = join(folder, IGNORE_FILE);
    let mtimeMs: number;
    let size: number;
    try {
      const st = statSync(path);
      mtimeMs = st.mtimeMs;
      size = st.isFile() ? st.size : -1;
    } catch {
      return [];
    }
    const hit = this.cache.get(folder);
    if (hit && hit.mtimeMs === mtimeMs) return hit.entries;
    const entries = this.parse(folder, path, size);
    this.cache.set(folder, { mtimeMs, entries });
    return entries;
  }

  private parse(folder: string, path: string, size: number): IgnoreEntry[] {
    if (!reallyInside([folder], path)) {
      this.problems.push(`${path} links to a file outside the workspace folder; it is not read`);
      return [];
    }
    if (size < 0) {
      this.problems.push(`${path} is not a regular file; no workspace ignores are applied`);
      return [];
    }
    if (size > MAX_IGNORE_FILE_BYTES) {
      this.problems.push(`${path} is larger than ${MAX_IGNORE_FILE_BYTES / 1024} KB; no workspace ignores are applied`);
      return [];
    }
    let json: { ignore?: unknown };
    try {
      json = JSON.parse(readFileSync(realpathSync(path), 'utf8')) as { ignore?: unknown };
    } catch {
      // The parser's message quotes the text: a file that is not an ignore file is never echoed.
      this.problems.push(`${path} is not valid JSON; no workspace ignores are applied`);
      return [];
    }
    const list = json && typeof json === 'object' && Array.isArray(json.ignore) ? (json.ignore as unknown[]) : [];
    const entries = list.slice(0, MAX_IGNORE_ENTRIES).filter((e): e is IgnoreEntry => !invalidEntry(e));
    const skipped = list.length - entries.length;
    if (skipped) {
      this.problems.push(
        `${path}: ${skipped} entries were not of the form {"kind", "text", "file"?} (at most ${MAX_IGNORE_ENTRIES} entries, texts of at most ${MAX_IGNORE_TEXT} characters) and are skipped`,
      );
    }
    // Kinds are short lower-case words (KIND_RE), so naming them quotes nothing else of the file.
    const unknown = [...new Set(entries.filter((e) => !isFindingKind(e.kind)).map((e) => e.kind))];
    if (unknown.length) this.problems.push(`${path}: unknown finding kind ${unknown.map((k) => JSON.stringify(k)).join(', ')} (known: ${FINDING_KINDS.map((k) => k.kind).join(', ')})`);
    return entries;
  }
}

/** Why a value is not an ignore entry, or undefined when it is one. */
function invalidEntry(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return 'not an object';
  const { kind, text, file } = e as Record<string, unknown>;
  if (typeof kind !== 'string' || !KIND_RE.test(kind)) return 'unknown kind';
  if (typeof text !== 'string' || !text || text.length > MAX_IGNORE_TEXT) return 'text missing or too long';
  if (file !== undefined && (typeof file !== 'string' || file.length > MAX_IGNORE_TEXT)) return 'file not a path';
  return undefined;
}

/**
 * Writes a new file beside `path` and renames it over `path`: a link at
 * `path` is replaced by the file rather than followed, and a reader never
 * sees half a file. The new file is created exclusively, so a link planted
 * under its name is not followed either.
 */
function writeReplacing(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    // A folder where the file should be is not replaced.
    if (isFolder(path)) throw new Error(`${path} is a folder`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
