// Quotes: straight and curly double quotes, guillemets and curly single
// quotes, with the speaker when the sentence attributes them
// ('…," Kirby said', '…," said Kirby', 'Miller said the US was "…"',
// 'according to …', or a line ending in a colon before the quote).

import { ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, DETERMINERS, SPEAKER_PRONOUNS, STOPWORDS } from './lexicon.js';
import { tokenAt, type Token } from './text.js';
import { mentionSpan, type Block, type Official, type Quote, type Sentence, type Span } from './types.js';

const LETTER_RE = /[\p{L}\p{N}]/u;
const CONJUNCTIONS = new Set(['but', 'and', 'so', 'yet', 'however', 'meanwhile', 'also', 'then']);

/** Whether a closing single quote (not between letters) follows in [from, end) before another quote opens. */
function closesLater(masked: string, from: number, end: number): boolean {
  for (let j = from; j < end; j++) {
    const c = masked[j];
    if (c === '‘' || c === '“') return false;
    if (c === '’' && !LETTER_RE.test(masked[j + 1] ?? ' ')) return true;
  }
  return false;
}

/** Quote spans in one block: [open mark, close mark] offsets. */
function quoteMarks(masked: string, block: Block): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  let kind = '';
  for (let i = block.start; i < block.end; i++) {
    const c = masked[i];
    if (c === '“' || c === '«' || c === '„') {
      if (kind !== '‘') {
        open = i;
        kind = c;
      }
    } else if (c === '”' || c === '»') {
      if (open >= 0 && kind !== '‘' && kind !== '"') {
        out.push([open, i]);
        open = -1;
        kind = '';
      } else if (open >= 0 && kind === '"') {
        out.push([open, i]);
        open = -1;
        kind = '';
      }
    } else if (c === '"') {
      if (open >= 0 && kind === '"') {
        out.push([open, i]);
        open = -1;
        kind = '';
      } else if (open < 0 || kind === '‘') {
        // A straight quote after a letter and before a space closes nothing we opened (5'11").
        const next = masked[i + 1] ?? ' ';
        if (next === ' ' && i > block.start && LETTER_RE.test(masked[i - 1])) continue;
        open = i;
        kind = '"';
      }
    } else if (c === '‘') {
      if (open < 0 && !LETTER_RE.test(masked[i - 1] ?? ' ')) {
        open = i;
        kind = '‘';
      }
    } else if (c === '’') {
      // An apostrophe sits between letters ("Israel’s"); a closing quote does not. A possessive
      // "Hamas’ leaders" (an s, a space, and the quote closing later in the paragraph) is an apostrophe too.
      const next = masked[i + 1] ?? ' ';
      if (open >= 0 && kind === '‘' && !LETTER_RE.test(next) && !(masked[i - 1] === 's' && /\s/.test(next) && closesLater(masked, i + 1, block.end))) {
        out.push([open, i]);
        open = -1;
        kind = '';
      }
    }
  }
  // A quote left open at the end of a paragraph runs to the end of it (news style for multi-paragraph quotes).
  if (open >= 0 && kind !== '‘' && block.end - open > 20) out.push([open, block.end]);
  return out;
}

function sentenceOf(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

interface Speaker {
  name: string;
  span: Span;
}

export function findQuotes(
  text: string,
  masked: string,
  tokens: Token[],
  sentences: Sentence[],
  blocks: Block[],
  officials: Official[],
): Quote[] {
  const quotes: Quote[] = [];
  let lastSpeaker: Speaker | undefined;
  let previousBlockColon: { block: number; speaker?: Speaker } | undefined;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind === 'skip' || block.kind === 'footnote') continue;
    const marks = quoteMarks(masked, block);
    let blockSpeaker: Speaker | undefined;
    for (const [open, close] of marks) {
      let start = open + 1;
      let end = close;
      while (start < end && /\s/.test(masked[start])) start++;
      while (end > start && /\s/.test(masked[end - 1])) end--;
      if (end <= start || !LETTER_RE.test(masked.slice(start, end))) continue;
      const sOpen = sentenceOf(sentences, open);
      const sClose = sentenceOf(sentences, Math.max(open, close - 1));
      const closeMark = close < block.end ? close + 1 : close;
      let speaker =
        speakerAfter(text, tokens, closeMark, sentences[sClose], officials, lastSpeaker) ??
        speakerBefore(text, tokens, open, sentences[sOpen], officials, lastSpeaker);
      // "… stating:" on the line before the quote.
      if (!speaker && previousBlockColon && previousBlockColon.block === b - 1 && open === block.start) speaker = previousBlockColon.speaker;
      // A second quote in the same paragraph with no attribution of its own continues the speaker.
      if (!speaker && blockSpeaker) speaker = blockSpeaker;
      if (speaker) {
        blockSpeaker = speaker;
        lastSpeaker = speaker;
      }
      quotes.push({
        start,
        end,
        text: text.slice(start, end),
        outer: { start: open, end: closeMark },
        speaker: speaker?.name,
        speakerSpan: speaker?.span,
        sentence: Math.max(0, sOpen),
      });
    }
    // Remember a paragraph that ends with a colon: its speaker introduces the next paragraph's quote.
    const tail = text.slice(block.start, block.end).trimEnd();
    if (tail.endsWith(':')) {
      const s = sentenceOf(sentences, block.end - 1);
      previousBlockColon = { block: b, speaker: s >= 0 ? speakerBefore(text, tokens, block.end, sentences[s], officials, lastSpeaker) : undefined };
    }
  }
  return quotes;
}

function officialAt(officials: Official[], from: number, to: number): Official | undefined {
  return officials.find((o) => o.start >= from && o.start < to) ?? officials.find((o) => o.titleSpan && o.titleSpan.start >= from && o.titleSpan.start < to);
}

function asSpeaker(o: Official): Speaker {
  return { name: o.name, span: mentionSpan(o) };
}

/** Attribution after the closing quote: ', Kirby said', ', said Kirby', ', the official stated', ', according to …'. */
function speakerAfter(
  text: string,
  tokens: Token[],
  from: number,
  s: Sentence | undefined,
  officials: Official[],
  last: Speaker | undefined,
): Speaker | undefined {
  if (!s || from >= s.end) return undefined;
  let i = tokenAt(tokens, from);
  const limit = tokenAt(tokens, s.end);
  while (i < limit && tokens[i].kind === 'punct' && tokens[i].text !== '(') i++;
  if (i >= limit) return undefined;
  // Verb first: 'said Kirby', 'emphasized State Department spokesperson Matthew Miller'.
  const verbFirst = ATTRIBUTION_VERBS.at(tokens, i, limit) ?? ATTRIBUTION_PHRASES.at(tokens, i, limit);
  if (verbFirst) {
    const after = verbFirst.to + 1;
    if (after < limit) {
      const o = officialAt(officials, tokens[after].start, tokens[Math.min(limit - 1, after + 6)].end);
      if (o) return asSpeaker(o);
      const phrase = nounPhrase(text, tokens, after, limit);
      if (phrase) return phrase;
    }
    return undefined;
  }
  // Speaker first: 'Kirby said', 'the official stated', '… to predict when, he added'.
  for (let j = i; j < Math.min(limit, i + 30); j++) {
    const verb = ATTRIBUTION_VERBS.at(tokens, j, limit);
    if (!verb) continue;
    if (j === i) return undefined;
    const o = officialAt(officials, tokens[i].start, tokens[j].start);
    if (o && tokenAt(tokens, o.end) >= j - 1) return asSpeaker(o);
    return subject(text, tokens, i, j - 1, last) ?? (o ? asSpeaker(o) : undefined);
  }
  return undefined;
}

/** Attribution before the opening quote in the same sentence: 'Miller said the US was "…"'. */
function speakerBefore(
  text: string,
  tokens: Token[],
  open: number,
  s: Sentence | undefined,
  officials: Official[],
  last: Speaker | undefined,
): Speaker | undefined {
  if (!s || open <= s.start) return undefined;
  const first = tokenAt(tokens, s.start);
  const limit = tokenAt(tokens, open);
  // The first attribution in the sentence names the speaker: in 'the White House said Israel had told it
  // that …', the White House is speaking.
  for (let j = first; j < limit; j++) {
    const verb = ATTRIBUTION_VERBS.at(tokens, j, limit);
    const phrase = verb ? undefined : ATTRIBUTION_PHRASES.at(tokens, j, limit);
    if (!verb && !phrase) continue;
    const m = (verb ?? phrase)!;
    if (phrase) {
      const o = officialAt(officials, tokens[m.to].end, open);
      if (o) return asSpeaker(o);
      return nounPhrase(text, tokens, m.to + 1, limit);
    }
    // The subject before the verb: the nearest official, or the noun phrase that opens the clause.
    const candidates = officials.filter((o) => o.end <= tokens[m.from].start && o.start >= s.start);
    const nearest = candidates[candidates.length - 1];
    if (nearest && tokenAt(tokens, nearest.end) >= m.from - 3) return asSpeaker(nearest);
    // 'said Kirby' inside the sentence before the quote.
    const afterVerb = officials.find((o) => o.start >= tokens[m.to].end && o.end <= open && tokenAt(tokens, o.start) <= m.to + 6);
    if (afterVerb) return asSpeaker(afterVerb);
    if (nearest) return asSpeaker(nearest);
    return subject(text, tokens, Math.max(first, m.from - 6), m.from - 1, last);
  }
  return undefined;
}

/** A short subject before an attribution verb: 'a senior US official', 'the official', 'he'. */
function subject(text: string, tokens: Token[], from: number, to: number, last: Speaker | undefined): Speaker | undefined {
  // Start after the last punctuation so 'In a statement, the ministry said' keeps 'the ministry'.
  let i = from;
  for (let k = to; k >= from; k--) {
    if (tokens[k].kind === 'punct' && tokens[k].text !== '-') {
      i = k + 1;
      break;
    }
  }
  while (i <= to && CONJUNCTIONS.has(tokens[i].lower)) i++;
  if (i > to || to - i > 6) return undefined;
  const pronoun = SPEAKER_PRONOUNS.at(tokens, i, to + 1);
  if (pronoun && pronoun.to === to && tokens[i].lower !== 'the') return last;
  const span = { start: tokens[i].start, end: tokens[to].end };
  const phrase = text.slice(span.start, span.end);
  if (!/[\p{L}]/u.test(phrase) || (i === to && STOPWORDS.has(tokens[i].lower))) return undefined;
  return { name: phrase, span };
}

/** The noun phrase after 'according to' or 'said': up to the next punctuation. */
function nounPhrase(text: string, tokens: Token[], from: number, limit: number): Speaker | undefined {
  let to = from;
  while (to + 1 < limit && tokens[to + 1].kind !== 'punct' && to - from < 8) {
    if (tokens[to + 1].lower === 'who' || tokens[to + 1].lower === 'that') break;
    to++;
  }
  if (from >= limit || tokens[from].kind === 'punct') return undefined;
  if (from === to && (DETERMINERS.has(tokens[from].lower) || STOPWORDS.has(tokens[from].lower))) return undefined;
  const span = { start: tokens[from].start, end: tokens[to].end };
  return { name: text.slice(span.start, span.end), span };
}
