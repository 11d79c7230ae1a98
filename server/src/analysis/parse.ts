// Sentences with exact offsets. retext-english finds sentence boundaries in
// running prose; a line break only ends its sentences after final
// punctuation, so headlines and "stating:" lines would merge into the next
// sentence. The blocks found beforehand cut those sentences apart again.
//
// Every later step compares things within a sentence (figures with figures,
// names with titles), and parse-english's own passes splice arrays, so a
// sentence's length must be bounded whatever the text: a table, a run of
// numbers or a right-to-left line without a full stop would otherwise be one
// sentence as long as the file, and its cost would grow with its square. So
// a block longer than MAX_SENTENCE is cut into pieces at the best break
// (final punctuation, else a line break, else a space), and the text is
// parsed in chunks of whole pieces of at most CHUNK characters. Sentences
// never span blocks, so parsing block by block finds the same sentences as
// parsing the whole text (a test compares them).

import type { Paragraph, Root, Sentence as NlcstSentence } from 'nlcst';
import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { fastTokenizer } from './englishParser.js';
import { HONORIFICS, ROLES, TITLE_ABBREVIATIONS } from './lexicon.js';
import type { Block, Sentence } from './types.js';

const processor = unified().use(retextEnglish).use(fastTokenizer).freeze();

/** No sentence is longer than this many characters (real ones stay well under 1,000). */
export const MAX_SENTENCE = 1500;
/** Text is parsed this many characters at a time (at most; whole pieces of blocks). */
const CHUNK = 8192;

export function parseEnglish(text: string): Root {
  return processor.parse(text) as Root;
}

/** A block or a bounded piece of one, with the index of the block it belongs to. */
interface Piece {
  start: number;
  end: number;
  block: number;
}

export function sentences(masked: string, blocks: Block[]): Sentence[] {
  const out: Sentence[] = [];
  const pieces = piecesOf(masked, blocks);
  let p = 0;
  while (p < pieces.length) {
    // A chunk: consecutive pieces spanning at most CHUNK characters (one piece at least).
    let q = p + 1;
    while (q < pieces.length && pieces[q].end - pieces[p].start <= CHUNK) q++;
    cut(out, masked, blocks, pieces, p, q);
    p = q;
  }
  return out;
}

/** Parses pieces [from, to) as one text and cuts its sentences at every piece they span. */
function cut(out: Sentence[], masked: string, blocks: Block[], pieces: Piece[], from: number, to: number): void {
  const base = pieces[from].start;
  const tree = parseEnglish(masked.slice(base, pieces[to - 1].end));
  let k = from;
  // Walk paragraphs → sentences by hand: a full tree visit costs more than the parse.
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const node of (paragraph as Paragraph).children) {
      if (node.type !== 'SentenceNode') continue;
      const s = node as NlcstSentence;
      let start = base + s.position!.start.offset!;
      const end = base + s.position!.end.offset!;
      while (k < to && pieces[k].end <= start) k++;
      for (let j = k; j < to && pieces[j].start < end; j++) {
        const piece = pieces[j];
        const a = Math.max(start, piece.start);
        const b = Math.min(end, piece.end);
        const block = blocks[piece.block];
        if (block.kind !== 'skip' && b > a) pushTrimmed(out, masked, a, b, piece.block, block);
        start = b;
      }
    }
  }
}

/** The blocks, each longer than MAX_SENTENCE cut into pieces at its best breaks. */
function piecesOf(masked: string, blocks: Block[]): Piece[] {
  const out: Piece[] = [];
  blocks.forEach((b, i) => {
    let start = b.start;
    while (b.end - start > MAX_SENTENCE) {
      const end = breakBefore(masked, start, start + MAX_SENTENCE);
      out.push({ start, end, block: i });
      start = end;
    }
    out.push({ start, end: b.end, block: i });
  });
  return out;
}

/**
 * Where to cut a long run of text at or before `limit` (and after its first
 * half): after final punctuation and a space if there is one, else at a
 * line break, else at a space, else anywhere but inside a surrogate pair.
 */
function breakBefore(text: string, start: number, limit: number): number {
  const floor = start + ((limit - start) >> 1);
  let line = -1;
  let space = -1;
  for (let i = limit; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (isSpace(c)) {
      const before = text.charCodeAt(i - 2);
      if (before === 46 || before === 33 || before === 63 || before === 59) return i;
      if (line < 0 && (c === 10 || c === 13)) line = i;
      if (space < 0) space = i;
    }
  }
  if (line > 0) return line;
  if (space > 0) return space;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

function pushTrimmed(out: Sentence[], masked: string, from: number, to: number, block: number, b: Block): void {
  while (from < to && isSpace(masked.charCodeAt(from))) from++;
  while (to > from && isSpace(masked.charCodeAt(to - 1))) to--;
  if (to <= from) return;
  // A sentence of nothing but punctuation (a stray closing quote) carries no claim.
  if (!/[\p{L}\p{N}]/u.test(masked.slice(from, to))) return;
  // "Det. Paul Morris said": the parser ends a sentence after a rank it does not know; the name goes on it.
  const last = out[out.length - 1];
  if (last && last.block === block && from - last.end <= 2 && isUpper(masked.charCodeAt(from)) && endsWithTitleAbbreviation(masked, last.start, last.end)) {
    last.end = to;
    return;
  }
  out.push({ start: from, end: to, index: out.length, block, kind: b.kind });
}

/** Whether [start, end) ends in a title's abbreviation and its full stop ("… Cpl."), not a street's or a suffix's. */
function endsWithTitleAbbreviation(masked: string, start: number, end: number): boolean {
  if (masked.charCodeAt(end - 1) !== 46) return false;
  let i = end - 1;
  while (i > start && end - i <= 6 && isLetter(masked.charCodeAt(i - 1))) i--;
  if (i === end - 1 || end - i > 5 || (i > start && !isSpace(masked.charCodeAt(i - 1)))) return false;
  const word = masked.slice(i, end - 1).toLowerCase();
  return TITLE_ABBREVIATIONS.has(word) && (ROLES.has(word) || HONORIFICS.has(word));
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}
