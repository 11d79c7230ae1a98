// Splits an article into blocks (headline, paragraphs, list items, footnote
// definitions, …) and masks what is not prose. The masked text has the same
// length as the original, so every offset found in it is an offset in the
// article. A full Markdown parser costs several times the English parse, and
// articles use a small part of Markdown, so a line scanner does this job.

import { IGNORE_LINE_RE } from './ignores.js';
import type { Block, BlockKind, Format } from './types.js';

export interface Blocks {
  blocks: Block[];
  /** The text with markup, code, comments and URLs replaced by spaces. */
  masked: string;
}

interface Line {
  start: number;
  /** End of the line's content, before the line break. */
  end: number;
  text: string;
}

/** Lines ended by LF, CRLF or a lone CR (old Mac files, some exports): each ends a line alike. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  const n = text.length;
  for (;;) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    out.push({ start, end, text: text.slice(start, end) });
    if (end >= n) break;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return out;
}

const BLANK_RE = /^\s*$/;
// A line that ends a sentence: final punctuation, optionally closed by quotes or brackets.
const FINAL_RE = /[.!?…:;](?:["'”’»)\]*_]|\[\^[^\]]*\])*\s*$/u;
const WORD_RE = /[\p{L}\p{N}]+/gu;

function wordCount(s: string): number {
  return s.match(WORD_RE)?.length ?? 0;
}

/** A short line without final punctuation is a headline or a subhead, not prose. */
function looksLikeHeading(line: string): boolean {
  return !FINAL_RE.test(line) && wordCount(line) <= 20;
}

export function splitBlocks(text: string, format: Format): Blocks {
  return format === 'markdown' ? markdownBlocks(text) : plainBlocks(text);
}

// Plain text ----------------------------------------------------------------

/**
 * News text usually puts one paragraph on a line. A hard-wrapped file (every
 * line short, no line longer than 100 characters) keeps blank-line
 * paragraphs instead.
 */
function isHardWrapped(ls: Line[]): boolean {
  const body = ls.filter((l) => !BLANK_RE.test(l.text));
  if (body.length < 4) return false;
  if (body.some((l) => l.text.length > 100)) return false;
  let wrapped = 0;
  let candidates = 0;
  for (let i = 0; i + 1 < ls.length; i++) {
    if (BLANK_RE.test(ls[i].text) || BLANK_RE.test(ls[i + 1].text)) continue;
    candidates++;
    if (ls[i].text.length >= 40 && !FINAL_RE.test(ls[i].text)) wrapped++;
  }
  return candidates > 0 && wrapped / candidates >= 0.5;
}

function plainBlocks(text: string): Blocks {
  const ls = lines(text);
  const blocks: Block[] = [];
  const masked = maskUrls(text);
  const wrapped = isHardWrapped(ls);
  let sawProse = false;
  const add = (start: number, end: number, body: string) => {
    const trimmedStart = start + (body.length - body.trimStart().length);
    const trimmedEnd = end - (body.length - body.trimEnd().length);
    if (trimmedEnd <= trimmedStart) return;
    const heading = looksLikeHeading(body);
    const kind: BlockKind = heading ? (sawProse || blocks.length ? 'heading' : 'headline') : 'paragraph';
    if (!heading) sawProse = true;
    blocks.push({ start: trimmedStart, end: trimmedEnd, kind });
  };
  // Ignore markers are instructions to Claim Lens, not prose.
  const markers = ls.filter((l) => IGNORE_LINE_RE.test(l.text));
  // Joined once: masking marker by marker would copy the text once per marker.
  let chars = masked;
  if (markers.length) {
    const parts: string[] = [];
    let at = 0;
    for (const m of markers) {
      parts.push(masked.slice(at, m.start), ' '.repeat(m.end - m.start));
      at = m.end;
    }
    parts.push(masked.slice(at));
    chars = parts.join('');
  }
  const prose = (l: Line) => !BLANK_RE.test(l.text) && !IGNORE_LINE_RE.test(l.text);
  if (!wrapped) {
    for (const l of ls) if (prose(l)) add(l.start, l.end, l.text);
  } else {
    let first = -1;
    for (let i = 0; i <= ls.length; i++) {
      const blank = i === ls.length || !prose(ls[i]);
      if (!blank && first < 0) first = i;
      if (blank && first >= 0) {
        const start = ls[first].start;
        const end = ls[i - 1].end;
        add(start, end, text.slice(start, end));
        first = -1;
      }
    }
  }
  return { blocks, masked: chars };
}

// Markdown ------------------------------------------------------------------

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const SETEXT_RE = /^ {0,3}(?:=+|-+)\s*$/;
const RULE_RE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_RE = /^( {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)/;
// Nested quote markers ("> > >") are all markup.
const QUOTE_RE = /^( {0,3}>(?:[ \t]*>)*[ \t]?)/;
// A table row: each row is its own block with its pipes masked, never one paragraph of the whole table.
const TABLE_RE = /^ {0,3}\|/;
const TABLE_RULE_RE = /^[\s|:-]*$/;
const FOOTNOTE_RE = /^ {0,3}\[\^[^\]\s]+\]:/;
const LINKDEF_RE = /^ {0,3}\[[^\]^][^\]]*\]:\s*\S/;
const HTML_RE = /^ {0,3}<(?:[a-zA-Z][\w-]*|\/[a-zA-Z])[^>]*>?/;

function markdownBlocks(text: string): Blocks {
  const ls = lines(text);
  const blocks: Block[] = [];
  const mask: [number, number][] = [];
  let para: { start: number; end: number; kind: BlockKind } | null = null;
  let sawHeading = false;
  const flush = () => {
    if (para) blocks.push({ ...para });
    para = null;
  };
  const heading = (start: number, end: number) => {
    blocks.push({ start, end, kind: sawHeading || blocks.length ? 'heading' : 'headline' });
    sawHeading = true;
  };

  let i = 0;
  // Front matter is metadata, not prose.
  if (ls[0]?.text === '---') {
    const close = ls.findIndex((l, k) => k > 0 && (l.text === '---' || l.text === '...'));
    if (close > 0) {
      mask.push([ls[0].start, ls[close].end]);
      i = close + 1;
    }
  }
  for (; i < ls.length; i++) {
    const l = ls[i];
    const t = l.text;
    if (BLANK_RE.test(t)) {
      flush();
      continue;
    }
    const fence = FENCE_RE.exec(t);
    if (fence) {
      flush();
      let j = i + 1;
      while (j < ls.length && !ls[j].text.trimStart().startsWith(fence[1])) j++;
      mask.push([l.start, ls[Math.min(j, ls.length - 1)].end]);
      i = j;
      continue;
    }
    if (t.trimStart().startsWith('<!--')) {
      flush();
      let j = i;
      while (j < ls.length && !ls[j].text.includes('-->')) j++;
      mask.push([l.start, ls[Math.min(j, ls.length - 1)].end]);
      i = j;
      continue;
    }
    const atx = ATX_RE.exec(t);
    if (atx) {
      flush();
      mask.push([l.start, l.start + atx[0].length]);
      const body = t.slice(atx[0].length).replace(/[ \t]+#+[ \t]*$/, '');
      if (body.trim()) heading(l.start + atx[0].length, l.start + atx[0].length + body.trimEnd().length);
      continue;
    }
    if (para && (para as { kind: BlockKind }).kind === 'paragraph' && SETEXT_RE.test(t)) {
      const p = para as { start: number; end: number };
      para = null;
      heading(p.start, p.end);
      mask.push([l.start, l.end]);
      continue;
    }
    if (RULE_RE.test(t)) {
      flush();
      mask.push([l.start, l.end]);
      continue;
    }
    if (FOOTNOTE_RE.test(t)) {
      flush();
      para = { start: l.start, end: l.end, kind: 'footnote' };
      continue;
    }
    if (LINKDEF_RE.test(t) || (HTML_RE.test(t) && !para)) {
      flush();
      mask.push([l.start, l.end]);
      continue;
    }
    if (TABLE_RE.test(t)) {
      flush();
      if (TABLE_RULE_RE.test(t)) {
        mask.push([l.start, l.end]);
        continue;
      }
      for (let k = t.indexOf('|'); k >= 0; k = t.indexOf('|', k + 1)) mask.push([l.start + k, l.start + k + 1]);
      blocks.push({ start: l.start, end: l.end, kind: 'paragraph' });
      continue;
    }
    const quote = QUOTE_RE.exec(t);
    const list = LIST_RE.exec(t);
    if (quote || list) {
      const marker = (quote ?? list)![1];
      const kind: BlockKind = quote ? 'blockquote' : 'list';
      mask.push([l.start, l.start + marker.length]);
      if (list || !para || (para as { kind: BlockKind }).kind !== kind) {
        flush();
        para = { start: l.start + marker.length, end: l.end, kind };
      } else {
        (para as { end: number }).end = l.end;
      }
      continue;
    }
    if (para) {
      // Lazy continuation: the line belongs to the open paragraph, list item or quote.
      (para as { end: number }).end = l.end;
    } else {
      para = { start: l.start, end: l.end, kind: 'paragraph' };
    }
  }
  flush();
  // A leading paragraph that looks like a headline is one (articles often skip the '#').
  const first = blocks[0];
  if (first && first.kind === 'paragraph' && !blocks.some((b) => b.kind === 'headline') && looksLikeHeading(text.slice(first.start, first.end))) {
    first.kind = 'headline';
  }
  return { blocks, masked: maskInline(text, mask) };
}

/** Inline Markdown that is not prose: code spans, link targets, footnote references, emphasis marks, HTML. */
const INLINE_RE =
  /`+[^`\n]*`+|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)|\[\^[^\]\s]+\]|<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>\n]*>|(?<![\p{L}\p{N}])[*_~]{1,3}|[*_~]{1,3}(?![\p{L}\p{N}])|!?\[|\\(?=[^\s])/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()"“”]+/g;

/** Spaces in place of every character but line breaks, so lines keep their offsets. */
function spaces(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

function maskUrls(text: string): string {
  if (!text.includes('www.') && !text.includes('://')) return text;
  return text.replace(URL_RE, spaces);
}

function maskInline(text: string, regions: [number, number][]): string {
  let masked = text;
  if (regions.length) {
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of regions.sort((a, b) => a[0] - b[0])) {
      if (s < at) continue;
      parts.push(text.slice(at, s), spaces(text.slice(s, e)));
      at = e;
    }
    parts.push(text.slice(at));
    masked = parts.join('');
  }
  return maskUrls(masked.replace(INLINE_RE, spaces));
}
