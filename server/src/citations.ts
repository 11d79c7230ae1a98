// Citations as text edits, in three styles:
//   footnote  "…three weeks.[^1]" and "[^1]: seeds/000_….txt, "<passage>"" in the
//             footnote block at the end; numbering continues from the document's
//             footnotes, and citing a passage already cited reuses its footnote
//   pandoc    "…three weeks [@000_b5026f04b527744f]." (keys configurable)
//   inline    "…three weeks (source: seeds/000_….txt)."
// Plain data in, offset edits out; features/codeActions.ts turns them into LSP.

import type { Format, Span } from './analysis/types.js';
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
const EXCERPT_MAX = 200;

/** The footnote text for a passage: where it is, and what it says. */
export function footnoteText(ref: SourceRef): string {
  const flat = ref.text.replace(/\s+/g, ' ').trim().replace(/"/g, "'");
  const excerpt = flat.length > EXCERPT_MAX ? flat.slice(0, EXCERPT_MAX - 1) + '…' : flat;
  return `${ref.sourceId}, "${excerpt}"`;
}

/** The Pandoc key of a source: from the keys setting (by id or file stem), else the file stem. */
export function pandocKey(ref: SourceRef, keys: Record<string, string>): string {
  const stem = ref.sourceId.split('/').pop()!.replace(/\.[^.]+$/, '');
  const key = keys[ref.sourceId] ?? keys[stem] ?? stem;
  return key.replace(/[^\w:.#$%&+?<>~/-]/g, '_');
}

/** Where a note goes inside the sentence: before its final full stop, unless a closing quote follows it. */
function beforeFinalPunctuation(text: string, claim: Span): number {
  let end = claim.end;
  while (end > claim.start && /\s/.test(text[end - 1])) end--;
  return /[.!?]/.test(text[end - 1] ?? '') ? end - 1 : end;
}

export interface Citation {
  edits: Edit[];
  /** The reference as inserted ("[^2]", "[@key]", "(source: …)"). */
  mark: string;
}

/** The edits that cite `ref` after the claim, or undefined if the claim already cites it. */
export function cite(text: string, claim: Span, ref: SourceRef, style: Style, keys: Record<string, string>): Citation | undefined {
  if (style === 'pandoc') {
    const mark = `[@${pandocKey(ref, keys)}]`;
    if (text.slice(claim.start, claim.end + 40).includes(mark)) return undefined;
    const at = beforeFinalPunctuation(text, claim);
    return { edits: [{ start: at, end: at, newText: ` ${mark}` }], mark };
  }
  if (style === 'inline') {
    const mark = `(source: ${ref.sourceId})`;
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
