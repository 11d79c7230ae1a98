// Sentences with exact offsets. retext-english finds sentence boundaries in
// running prose; a line break only ends its sentences after final
// punctuation, so headlines and "stating:" lines would merge into the next
// sentence. The blocks found beforehand cut those sentences apart again.

import type { Paragraph, Root, Sentence as NlcstSentence } from 'nlcst';
import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { fastTokenizer } from './englishParser.js';
import type { Block, Sentence } from './types.js';

const processor = unified().use(retextEnglish).use(fastTokenizer).freeze();

export function parseEnglish(text: string): Root {
  return processor.parse(text) as Root;
}

export function sentences(masked: string, blocks: Block[]): Sentence[] {
  const out: Sentence[] = [];
  if (!blocks.length) return out;
  const tree = parseEnglish(masked);
  let b = 0;
  // Walk paragraphs → sentences by hand: a full tree visit costs more than the parse.
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const node of (paragraph as Paragraph).children) {
      if (node.type !== 'SentenceNode') continue;
      const s = node as NlcstSentence;
      let start = s.position!.start.offset!;
      const end = s.position!.end.offset!;
      while (b < blocks.length && blocks[b].end <= start) b++;
      // Cut the sentence at every block it spans.
      for (let k = b; k < blocks.length && blocks[k].start < end; k++) {
        const block = blocks[k];
        const from = Math.max(start, block.start);
        const to = Math.min(end, block.end);
        if (block.kind !== 'skip' && to > from) pushTrimmed(out, masked, from, to, k, block);
        start = to;
      }
    }
  }
  return out;
}

function pushTrimmed(out: Sentence[], masked: string, from: number, to: number, block: number, b: Block): void {
  while (from < to && isSpace(masked.charCodeAt(from))) from++;
  while (to > from && isSpace(masked.charCodeAt(to - 1))) to--;
  if (to <= from) return;
  // A sentence of nothing but punctuation (a stray closing quote) carries no claim.
  if (!/[\p{L}\p{N}]/u.test(masked.slice(from, to))) return;
  out.push({ start: from, end: to, index: out.length, block, kind: b.kind });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}
