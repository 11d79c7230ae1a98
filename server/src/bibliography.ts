// The user's bibliography (CSL JSON or BibTeX, named by
// claimlens.citation.bibliography), read for Pandoc citation keys: a source
// whose URL, DOI or title matches an entry is cited with that entry's key.
// Read without throwing; a file that cannot be used, or is used only in part
// (entries without a key, a BibTeX entry left open), is one message naming
// the file and what is wrong with it.

import { statSync } from 'node:fs';
import { jsonErrorWhere, readTextFile, READ_FAILURE_MESSAGES } from './corpus/files.js';

export interface BibEntry {
  key: string;
  url?: string;
  doi?: string;
  title?: string;
  /** The journal or newspaper (CSL container-title, BibTeX journal). */
  container?: string;
}

export interface Bibliography {
  entries: BibEntry[];
  problem?: string;
  /** The file is not a bibliography at all (not JSON, not an array), rather than one with entries that could not be used. */
  unusable?: boolean;
  /** The version of the file read ("mtime:size"), so that what is said of it can be said again once it changes. */
  version?: string;
}

const cache = new Map<string, Bibliography>();

/**
 * The entries of a CSL JSON (.json) or BibTeX (.bib) file, cached while the
 * file is unchanged: every code action request asks, so an unchanged file
 * costs a stat, not a read.
 */
export function readBibliography(path: string): Bibliography {
  const hit = cache.get(path);
  if (hit && hit.version === versionOf(path)) return hit;
  const r = readTextFile(path, 64 * 1024 * 1024);
  if (!r.ok) return { entries: [], problem: `The bibliography ${path} ${READ_FAILURE_MESSAGES[r.reason]}`, version: versionOf(path) };
  const version = `${r.mtimeMs}:${r.size}`;
  const bib = { ...(/\.json$/i.test(path) ? parseCslJson(r.text, path) : readBibtex(r.text, path)), version };
  cache.set(path, bib);
  return bib;
}

/** "mtime:size" of a file, or undefined when it cannot be looked at (reading it says why). */
export function versionOf(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
}

/** A CSL JSON array's entries; `what` names the file in messages ("The bibliography x.json", "The references file y.json"). */
export function parseCslJson(text: string, path = 'CSL JSON', what = 'The bibliography'): Bibliography {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { entries: [], problem: `${what} ${path} is not valid JSON (${jsonErrorWhere(e)})`, unusable: true };
  }
  if (!Array.isArray(data)) return { entries: [], problem: `${what} ${path} must be a CSL JSON array of entries`, unusable: true };
  const entries: BibEntry[] = [];
  let keyless = 0;
  for (const x of data) {
    if (!x || typeof x !== 'object' || typeof x.id !== 'string' || !x.id.trim()) {
      keyless++;
      continue;
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    entries.push({ key: x.id, url: str(x.URL), doi: str(x.DOI), title: str(x.title), container: str(x['container-title']) });
  }
  if (!keyless) return { entries };
  const which = keyless === 1 ? 'entry has' : 'entries have';
  return { entries, problem: `${what} ${path}: ${keyless} ${which} no "id" (the citation key) and ${keyless === 1 ? 'is' : 'are'} not used` };
}

/** A BibTeX file's entries, and what could not be read of it. */
export function readBibtex(text: string, path = 'BibTeX'): Bibliography {
  const problems: string[] = [];
  const entries = parseBibtex(text, problems);
  if (problems.length) return { entries, problem: `The bibliography ${path}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` };
  if (!entries.length && /\S/.test(text) && !/@(?:string|comment|preamble)\b/i.test(text)) return { entries, problem: `The bibliography ${path} has no BibTeX entries (@article{key, …})` };
  return { entries };
}

/** "line 12" for an offset. */
function lineAt(text: string, offset: number): string {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return `line ${line}`;
}

/**
 * Entries of a BibTeX file: each @type{key, field = {…} or "…", …}; @string,
 * @comment and @preamble are not entries. What cannot be read (a value or an
 * entry never closed, text where a field should be) goes to `problems`.
 */
export function parseBibtex(text: string, problems: string[] = []): BibEntry[] {
  const entries: BibEntry[] = [];
  const re = /@(\w+)\s*[{(]\s*([^,\s]+)\s*,/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (/^(?:string|comment|preamble)$/i.test(m[1])) continue;
    const fields = new Map<string, string>();
    const before = problems.length;
    let i = re.lastIndex;
    // Fields until the entry's closing brace: name = {balanced} | "quoted" | bare.
    const field = /\s*(\w[\w-]*)\s*=\s*/y;
    for (;;) {
      field.lastIndex = i;
      const f = field.exec(text);
      if (!f) break;
      i = field.lastIndex;
      let value = '';
      if (text[i] === '{') {
        let depth = 0;
        const start = i;
        for (; i < text.length; i++) {
          if (text[i] === '{') depth++;
          else if (text[i] === '}' && --depth === 0) break;
        }
        if (i >= text.length) problems.push(`entry "${m[2]}" has a value whose braces never close (from ${lineAt(text, start)}); the entries after it are lost`);
        value = text.slice(start + 1, i);
        i = Math.min(i + 1, text.length);
      } else if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) problems.push(`entry "${m[2]}" has a quoted value that never ends (from ${lineAt(text, i)}); the entries after it are lost`);
        value = text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else {
        const bare = /[^,}\s]*/y;
        bare.lastIndex = i;
        value = bare.exec(text)![0];
        i = bare.lastIndex;
      }
      fields.set(f[1].toLowerCase(), value.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim());
      const sep = /\s*,?/y;
      sep.lastIndex = i;
      sep.exec(text);
      i = sep.lastIndex;
    }
    const close = /\s*[})]/y;
    close.lastIndex = i;
    if (problems.length === before && i < text.length && !close.test(text)) problems.push(`entry "${m[2]}" is malformed at ${lineAt(text, i)} (a field such as title = {…}, or the entry's closing brace, was expected); what follows in it is not read`);
    re.lastIndex = Math.max(re.lastIndex, i);
    entries.push({ key: m[2], url: fields.get('url') || undefined, doi: fields.get('doi') || undefined, title: fields.get('title') || undefined, container: fields.get('journal') || undefined });
  }
  return entries;
}

const normUrl = (u: string) => u.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[#?].*$/, '').replace(/\/+$/, '');
const normDoi = (d: string) => d.toLowerCase().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/, '').trim();
const normTitle = (t: string) => t.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The entry for a source: by URL, then DOI, then title. */
export function findEntry(entries: BibEntry[], meta: { url?: string; doi?: string; headline?: string }): BibEntry | undefined {
  if (meta.url) {
    const u = normUrl(meta.url);
    const hit = entries.find((e) => e.url && normUrl(e.url) === u);
    if (hit) return hit;
  }
  if (meta.doi) {
    const d = normDoi(meta.doi);
    const hit = entries.find((e) => e.doi && normDoi(e.doi) === d);
    if (hit) return hit;
  }
  if (meta.headline) {
    const t = normTitle(meta.headline);
    return entries.find((e) => e.title && normTitle(e.title) === t);
  }
  return undefined;
}
