// Citations as text edits, in three styles, naming sources as they are
// published (see corpus/metadata.ts for where the facts come from):
//   footnote  "…three weeks.[^1]" and, in the footnote block at the end,
//             "[^1]: CNN, "Headline", Jane Doe, 7 October 2024, https://…":
//             outlet, "headline", authors, date, URL, whatever is known, in
//             that order (a copy without an outlet adds "copy of CNN"; the
//             file's id only when nothing is known). Numbering continues from
//             the document's footnotes; a source already cited reuses its footnote.
//   pandoc    "…three weeks [@cnn2024washington]." The key: the keys setting,
//             else the entry of the user's bibliography (CSL JSON or BibTeX)
//             or references file with the source's URL, DOI or title, else a
//             generated key (outlet, year, first headline word) whose CSL JSON
//             entry is added to the references file.
//   inline    "…three weeks (CNN, 7 Oct 2024)." for plain text.
// Plain data in, offset edits out; features/codeActions.ts turns them into LSP.

import type { Format, Span } from './analysis/types.js';
import { findEntry, type BibEntry } from './bibliography.js';
import { formatDate, outletName, shorten, type SourceMeta } from './corpus/metadata.js';
import type { SourceRef } from './evidence/types.js';
import type { CitationStyle } from './settings.js';

export type Style = Exclude<CitationStyle, 'auto'>;

export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** `auto` is a footnote in Markdown and an inline note in plain text. */
export function resolveStyle(setting: CitationStyle, format: Format): Style {
  if (setting !== 'auto') return setting;
  return format === 'markdown' ? 'footnote' : 'inline';
}

const FOOTNOTE_DEF_RE = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/gm;
/** Longest headline in a footnote; an inline note takes a shorter one. */
const FOOTNOTE_HEADLINE = 160;
const INLINE_HEADLINE = 40;

const metaOf = (ref: SourceRef): SourceMeta => ref.sourceMeta ?? {};
const quoted = (headline: string, max: number) => `"${shorten(headline, max).replace(/"/g, "'")}"`;

/** The footnote text for a source: outlet, "headline", authors, date, URL, as far as they are known. */
export function footnoteText(ref: SourceRef): string {
  const m = metaOf(ref);
  const parts: string[] = [];
  if (m.outlet) parts.push(m.outlet);
  if (m.headline) parts.push(quoted(m.headline, FOOTNOTE_HEADLINE));
  // Neither outlet nor headline: the file is all there is to find it by.
  else if (!m.outlet) parts.push(ref.sourceId);
  if (!m.outlet && m.copiedFrom) parts.push(`copy of ${outletName(m.copiedFrom)}`);
  if (m.authors?.length) parts.push(m.authors.join(' and '));
  if (m.date) parts.push(formatDate(m.date, 'long'));
  if (m.url) parts.push(m.url);
  else if (m.doi) parts.push(`https://doi.org/${m.doi}`);
  return parts.join(', ');
}

/** The inline note: "(CNN, 7 Oct 2024)"; a source without an outlet is named by its headline. */
export function inlineText(ref: SourceRef): string {
  const m = metaOf(ref);
  const parts: string[] = [];
  if (m.outlet) parts.push(m.outlet);
  else if (m.headline) parts.push(quoted(m.headline, INLINE_HEADLINE));
  else parts.push(`source: ${ref.sourceId}`);
  if (!m.outlet && m.copiedFrom) parts.push(`copy of ${outletName(m.copiedFrom)}`);
  if (m.date) parts.push(formatDate(m.date, 'short'));
  return `(${parts.join(', ')})`;
}

const KEY_STOP = new Set(['the', 'a', 'an', 'and', 'of', 'in', 'on', 'for', 'to', 'with', 'as', 'at', 'by', 'from', 'is', 'are', 'was']);

/** A Pandoc key from what is known: outlet, year, first word of the headline ("cnn2024washington"); the file stem otherwise. */
export function generatedKey(ref: SourceRef): string {
  const m = metaOf(ref);
  const slug = (x: string) => x.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');
  const word = m.headline?.split(/\s+/).map(slug).find((w) => w.length > 2 && !KEY_STOP.has(w)) ?? '';
  const key = `${m.outlet ? slug(m.outlet) : ''}${m.date ? m.date.slice(0, 4) : ''}${word}`;
  return key && /^[a-z]/.test(key) ? key : ref.sourceId.split('/').pop()!.replace(/\.[^.]+$/, '');
}

function sanitizeKey(key: string): string {
  return key.replace(/[^\w:.#$%&+?<>~/-]/g, '_');
}

export interface PandocOptions {
  /** Keys by source id or file stem (the claimlens.citation.keys setting). */
  keys: Record<string, string>;
  /** Entries of the user's bibliography, then of the references file. */
  entries?: BibEntry[];
}

/** The Pandoc key of a source, and whether it was generated (so needs an entry). */
export function pandocKey(ref: SourceRef, { keys, entries = [] }: PandocOptions): { key: string; generated: boolean } {
  const stem = ref.sourceId.split('/').pop()!.replace(/\.[^.]+$/, '');
  const given = keys[ref.sourceId] ?? keys[stem];
  if (given) return { key: sanitizeKey(given), generated: false };
  const entry = findEntry(entries, metaOf(ref));
  if (entry) return { key: sanitizeKey(entry.key), generated: false };
  // A generated key already in the references file for this very source (same title and
  // outlet, as written there) is reused; one taken by another source gets a letter.
  const base = sanitizeKey(generatedKey(ref));
  const mine = cslEntry(base, ref);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  let key = base;
  for (let i = 2; byKey.has(key); i++) {
    const e = byKey.get(key)!;
    if (e.title === mine.title && e.container === mine['container-title']) return { key, generated: false };
    key = `${base}${String.fromCharCode(96 + i)}`;
  }
  return { key, generated: true };
}

/** A source's CSL JSON entry, with what is known of it. */
export function cslEntry(key: string, ref: SourceRef): Record<string, unknown> {
  const m = metaOf(ref);
  const entry: Record<string, unknown> = { id: key, type: 'article-newspaper', title: m.headline ?? ref.sourceId };
  if (m.outlet) entry['container-title'] = m.outlet;
  if (m.authors?.length) entry.author = m.authors.map((literal) => ({ literal }));
  if (m.date) entry.issued = { 'date-parts': [m.date.split('-').map(Number)] };
  if (m.url) entry.URL = m.url;
  if (m.doi) entry.DOI = m.doi;
  return entry;
}

/**
 * The edits that add an entry to a CSL JSON references file: a new file
 * when there is none, else the entry appended to its array. Undefined when
 * the file is not a CSL JSON array (it is left alone).
 */
export function referencesEdit(existing: string | undefined, entry: Record<string, unknown>): { create: boolean; edits: Edit[] } | undefined {
  const json = JSON.stringify(entry, null, 2).split('\n').join('\n  ');
  if (existing === undefined || !existing.trim()) return { create: existing === undefined, edits: [{ start: 0, end: existing?.length ?? 0, newText: `[\n  ${json}\n]\n` }] };
  try {
    if (!Array.isArray(JSON.parse(existing))) return undefined;
  } catch {
    return undefined;
  }
  const close = existing.lastIndexOf(']');
  let last = close - 1;
  while (last >= 0 && /\s/.test(existing[last])) last--;
  const empty = existing[last] === '[';
  return { create: false, edits: [{ start: last + 1, end: close, newText: `${empty ? '' : ','}\n  ${json}\n` }] };
}

/** Where a note goes inside the sentence: before its final full stop, unless a closing quote follows it. */
function beforeFinalPunctuation(text: string, claim: Span): number {
  let end = claim.end;
  while (end > claim.start && /\s/.test(text[end - 1])) end--;
  return /[.!?]/.test(text[end - 1] ?? '') ? end - 1 : end;
}

export interface Citation {
  edits: Edit[];
  /** The reference as inserted ("[^2]", "[@key]", "(CNN, 7 Oct 2024)"). */
  mark: string;
  /** A generated Pandoc key's CSL JSON entry, for the references file. */
  entry?: Record<string, unknown>;
}

/** The edits that cite `ref` after the claim, or undefined if the claim already cites it. */
export function cite(text: string, claim: Span, ref: SourceRef, style: Style, options: PandocOptions): Citation | undefined {
  if (style === 'pandoc') {
    const { key, generated } = pandocKey(ref, options);
    const mark = `[@${key}]`;
    if (text.slice(claim.start, claim.end + 40).includes(mark)) return undefined;
    const at = beforeFinalPunctuation(text, claim);
    return { edits: [{ start: at, end: at, newText: ` ${mark}` }], mark, ...(generated ? { entry: cslEntry(key, ref) } : {}) };
  }
  if (style === 'inline') {
    const mark = inlineText(ref);
    if (text.slice(claim.start, claim.end + mark.length + 2).includes(mark)) return undefined;
    const at = beforeFinalPunctuation(text, claim);
    return { edits: [{ start: at, end: at, newText: ` ${mark}` }], mark };
  }
  return footnote(text, claim, ref);
}

function footnote(text: string, claim: Span, ref: SourceRef): Citation | undefined {
  const body = footnoteText(ref);
  const defs = [...text.matchAll(FOOTNOTE_DEF_RE)];
  const existing = defs.find((d) => d[2].trim() === body);
  const numbers = [...text.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]));
  const label = existing ? existing[1] : String(Math.max(0, ...numbers) + 1);
  const mark = `[^${label}]`;
  // Already cited right after the sentence.
  const after = text.slice(claim.end).match(/^(?:\[\^[^\]\s]+\])*/)![0];
  if (after.includes(mark)) return undefined;
  const edits: Edit[] = [{ start: claim.end + after.length, end: claim.end + after.length, newText: mark }];
  if (!existing) {
    const last = defs[defs.length - 1];
    if (last) {
      const end = last.index + last[0].length;
      edits.push({ start: end, end, newText: `\n[^${label}]: ${body}` });
    } else {
      const trailing = text.match(/\s*$/)![0];
      edits.push({ start: text.length - trailing.length, end: text.length, newText: `\n\n[^${label}]: ${body}\n` });
    }
  }
  return { edits, mark };
}
