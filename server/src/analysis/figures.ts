// Figures: a number with its qualifier, what it counts and what happened to
// what it counts ("killed more than 1,400 people" → 1,400–1,500 deaths).

import {
  COUNTED_NOUNS,
  EVENT_AFTER,
  EVENT_BEFORE,
  EVENT_CLASSES,
  FIGURE_STARTERS,
  IDENTIFIER_NOUNS,
  MONTHS,
  NUMBER_SCALES,
  NOUN_CLASS,
  QUALIFIERS,
  STOPWORDS,
  TIME_WORDS,
  WEEKDAYS,
  YEAR_WORDS,
  ATTRIBUTION_VERBS,
  type EventClass,
} from './lexicon.js';
import { interval, readNumber, type NumberMatch } from './numbers.js';
import { singular, tokenAt, type Token } from './text.js';
import type { Figure, FigureClass, Reading, Sentence } from './types.js';

/** Classes whose count an event verb can refine ("killed 35 police officers" counts deaths). */
const PERSON_CLASSES = new Set<FigureClass>(['people', 'count', ...EVENT_CLASSES]);
const MAX_NOUN_WORDS = 4;
const TIME_DETERMINERS = new Set(['last', 'next', 'this', 'each', 'every', 'per', 'a', 'an']);
/** Words after "a"/"an" that can make it part of a figure. */
const ARTICLE_FOLLOWERS = new Set([
  ...NUMBER_SCALES.keys(),
  'dozen', 'few', 'quarter', 'half', 'little', 'minimum', 'maximum', 'total', 'estimated', 'approximate',
]);
const VERB_WINDOW = 5;

export function findFigures(text: string, tokens: Token[], sentences: Sentence[]): Figure[] {
  const figures: Figure[] = [];
  for (const s of sentences) {
    if (s.kind === 'footnote') continue;
    const first = tokenAt(tokens, s.start);
    const limit = tokenAt(tokens, s.end);
    const inSentence: Figure[] = [];
    for (let i = first; i < limit; i++) {
      if (!mayStartFigure(tokens[i], tokens[i + 1])) continue;
      const found = figureAt(text, tokens, i, first, limit, s, inSentence);
      if (found) {
        inSentence.push(found.figure);
        i = found.next - 1;
      }
    }
    figures.push(...inSentence);
  }
  return figures;
}

/** A cheap test before the full reading: most words cannot begin a figure. */
function mayStartFigure(t: Token, next: Token | undefined): boolean {
  if (t.kind === 'num') return true;
  if (t.kind === 'punct') return t.text === '$' || t.text === '€' || t.text === '£';
  // "a" and "an" begin a figure only before a scale or a qualifier's next word ("a million", "a few hundred", "an estimated").
  if (t.lower === 'a' || t.lower === 'an') return next !== undefined && ARTICLE_FOLLOWERS.has(next.lower);
  if (FIGURE_STARTERS.has(t.lower)) return true;
  // "three-hour", "twenty-five": a number word glued to the rest.
  const dash = t.lower.indexOf('-');
  return dash > 0 && FIGURE_STARTERS.has(t.lower.slice(0, dash));
}

interface Found {
  figure: Figure;
  next: number;
}

function figureAt(text: string, tokens: Token[], i: number, first: number, limit: number, s: Sentence, previous: Figure[]): Found | undefined {
  const t = tokens[i];
  if (t.kind === 'punct' && t.text !== '$' && t.text !== '€' && t.text !== '£') return undefined;
  // "between 10 and 15"
  if (t.lower === 'between') {
    const a = readNumber(tokens, i + 1, limit);
    if (a && tokens[a.to + 1]?.lower === 'and') {
      const b = readNumber(tokens, a.to + 2, limit);
      if (b && !b.article && b.value > a.value) return build(text, tokens, i, a, b, 'range', undefined, first, limit, s, previous);
    }
    return undefined;
  }
  const q = QUALIFIERS.at(tokens, i, limit);
  let reading: Reading | undefined = q?.value;
  let numberAt = q ? q.to + 1 : i;
  // "some" and "just" are qualifiers only before a number.
  const n = readNumber(tokens, numberAt, limit);
  if (!n) {
    if (q) return undefined;
    return undefined;
  }
  if (!q) numberAt = i;
  if (n.article && !q) return undefined;
  if (isNotAFigure(tokens, n, first, q !== undefined)) return undefined;
  // Ranges: "10 to 15", "10-15".
  const sep = tokens[n.to + 1];
  if (sep && (sep.lower === 'to' || (sep.text === '-' && !sep.gap) || sep.text === '–') && !n.compound) {
    const b = readNumber(tokens, n.to + 2, limit);
    if (b && !b.article && !b.compound && b.value > n.value && (!n.worded || !b.worded || b.value < n.value * 1000)) {
      const scale = b.scaled && !n.scaled ? b.multiplier : 1;
      const a = scale > 1 ? { ...n, value: n.value * scale, step: n.step * scale } : n;
      return build(text, tokens, q ? q.from : i, a, b, 'range', q, first, limit, s, previous);
    }
    if (sep.text === '-' && !sep.gap && tokens[n.to + 2]?.kind === 'num') return undefined;
  }
  if (!reading) reading = n.vague ? 'vague' : n.step > 1 && n.value >= 100 && !n.worded ? 'rounded' : 'exact';
  else if (n.vague) reading = 'vague';
  return build(text, tokens, q ? q.from : i, n, undefined, reading, q, first, limit, s, previous);
}

/** Dates, years, times, ordinals and identifiers are numbers but not figures. */
function isNotAFigure(tokens: Token[], n: NumberMatch, first: number, qualified: boolean): boolean {
  const t = tokens[n.from].kind === 'num' ? tokens[n.from] : tokens.slice(n.from, n.to + 1).find((x) => x.kind === 'num');
  const prev = tokens[n.from - 1];
  const next = tokens[n.to + 1];
  if (t) {
    // Glued to letters before ("G7", "F-16", "Covid-19").
    if (prev && !t.gap && prev.kind === 'word' && prev.end === t.start) return true;
    if (prev && prev.text === '-' && !t.gap && tokens[n.from - 2]?.kind === 'word' && !prev.gap) return true;
    // The second half of a score or tally: "voted 7-2".
    if (prev && prev.text === '-' && !t.gap && tokens[n.from - 2]?.kind === 'num' && !prev.gap) return true;
    // Dates: "October 7", "7 October", "October 7, 2024".
    if (prev && MONTHS.has(prev.lower) && prev.cap) return true;
    if (next && MONTHS.has(next.lower) && next.cap) return true;
    if (prev?.text === ',' && tokens[n.from - 2]?.kind === 'num' && MONTHS.has(tokens[n.from - 3]?.lower ?? '')) return true;
    // Times: "10:30", "10 a.m."
    if ((next?.text === ':' && !next.gap && tokens[n.to + 2]?.kind === 'num') || (prev?.text === ':' && !t.gap)) return true;
    if (next && TIME_WORDS.has(next.lower)) return true;
    // Fractions and slashed dates: "9/11", "1/2".
    if ((next?.text === '/' && !next.gap) || (prev?.text === '/' && !t.gap)) return true;
    // Years: four digits without a separator, unless they clearly count something.
    if (!n.currency && !n.percent && !n.scaled && /^\d{4}$/.test(t.text) && n.value >= 1500 && n.value <= 2199) {
      const counted = next && (NOUN_CLASS.has(singular(next.lower)) || COUNTED_NOUNS.at(tokens, n.to + 1));
      if (!counted || YEAR_WORDS.has(prev?.lower ?? '')) return true;
    }
    // Identifiers: "Resolution 1701", "Route 66".
    if (prev && IDENTIFIER_NOUNS.has(prev.lower) && !qualified && n.from > first) return true;
    // Decades and plural numbers: "1990s".
    if (next && next.lower === 's' && !next.gap) return true;
  }
  return false;
}

interface Noun {
  text: string;
  start: number;
  end: number;
  head: string;
  cls?: FigureClass;
  /** Index of the token after the phrase. */
  next: number;
}

/** The counted noun phrase after the number, e.g. "Israeli troops", "day pause". */
function countedNoun(text: string, tokens: Token[], n: NumberMatch, limit: number): Noun | undefined {
  let k = n.to + 1;
  if (n.compound) {
    const unit = n.compound.text.toLowerCase();
    const unitHead = singular(unit.replace(/-old$/, ''));
    let end = n.compound.end;
    let next = n.to + 1;
    // "21-day pause": the noun the compound qualifies.
    const w = tokens[next];
    if (w && w.kind === 'word' && !STOPWORDS.has(w.lower) && !w.cap && next < limit && !ATTRIBUTION_VERBS.at(tokens, next)) {
      end = w.end;
      next++;
    }
    const head = unit.endsWith('-old') ? 'age' : unitHead.split('-')[0];
    return { text: text.slice(n.compound.start, end), start: n.compound.start, end, head, cls: NOUN_CLASS.get(head), next };
  }
  // "hundreds of thousands of people", "dozens of sites", "1,400 of them".
  if (tokens[k]?.lower === 'of' && (n.vague || n.scaled)) {
    k++;
    if (tokens[k]?.lower === 'the' || tokens[k]?.lower === 'their') k++;
  }
  if (n.currency && tokens[k] && /^(?:dollars?|euros?|pounds?|shekels|yen|yuan|rupees)$/.test(tokens[k].lower)) k++;
  let lastKnown = -1;
  let lastCls: FigureClass | undefined;
  let j = k;
  let taken = 0;
  while (j < limit && taken < MAX_NOUN_WORDS) {
    const w = tokens[j];
    if (w.kind !== 'word') break;
    // "lost $2.3 billion last year": a time adverbial, not what is counted.
    if (TIME_DETERMINERS.has(w.lower) && j === k) return undefined;
    if (STOPWORDS.has(w.lower) || w.lower.endsWith('ly') || ATTRIBUTION_VERBS.at(tokens, j)) break;
    if (j > k && EVENT_AFTER.at(tokens, j) && !NOUN_CLASS.has(singular(w.lower))) break;
    const multi = COUNTED_NOUNS.at(tokens, j, limit);
    if (multi) {
      lastKnown = multi.to;
      lastCls = multi.value;
      j = multi.to + 1;
      taken += multi.to - multi.from + 1;
      continue;
    }
    const cls = NOUN_CLASS.get(singular(w.lower)) ?? NOUN_CLASS.get(w.lower);
    if (cls) {
      lastKnown = j;
      lastCls = cls;
    }
    j++;
    taken++;
  }
  let endTok: number;
  if (lastKnown >= 0) endTok = lastKnown;
  else {
    // An unknown noun ("potholes"): take the first word only, and only a plausible noun.
    const w = tokens[k];
    if (!w || k >= limit || w.kind !== 'word' || STOPWORDS.has(w.lower) || w.lower.endsWith('ly') || ATTRIBUTION_VERBS.at(tokens, k)) return undefined;
    if (MONTHS.has(w.lower) || WEEKDAYS.has(w.lower)) return undefined;
    if (EVENT_AFTER.at(tokens, k)) return undefined;
    endTok = k;
  }
  const start = tokens[k].start;
  const end = tokens[endTok].end;
  const head = singular(tokens[endTok].lower);
  // An event adjective in the phrase ("displaced Palestinians", "wounded soldiers") names the event.
  let cls = lastCls;
  for (let x = k; x <= endTok; x++) {
    const c = NOUN_CLASS.get(tokens[x].lower);
    if (c && EVENT_CLASSES.has(c)) cls = c;
  }
  return { text: text.slice(start, end), start, end, head, cls, next: endTok + 1 };
}

interface Event {
  cls: EventClass;
  verb: string;
}

/** The nearest event verb before the figure, within the clause. */
function eventBefore(tokens: Token[], from: number, first: number, floor: number): Event | undefined {
  let words = 0;
  for (let j = from - 1; j >= Math.max(first, floor) && words < VERB_WINDOW; j--) {
    const t = tokens[j];
    if (t.kind === 'punct') break;
    const m = EVENT_BEFORE.endingAt(tokens, j, Math.max(first, floor));
    if (m) return { cls: m.value, verb: tokens.slice(m.from, m.to + 1).map((x) => x.lower).join(' ') };
    words++;
  }
  return undefined;
}

/** An event phrase right after the counted noun ("people were killed", "to flee"). */
function eventAfter(tokens: Token[], from: number, limit: number): Event | undefined {
  for (let j = from; j < Math.min(limit, from + 4); j++) {
    const t = tokens[j];
    if (t.kind === 'punct' && t.text !== ',') break;
    const m = EVENT_AFTER.at(tokens, j, limit);
    if (m) return { cls: m.value, verb: tokens.slice(m.from, m.to + 1).map((x) => x.lower).join(' ') };
    if (t.kind === 'num') break;
  }
  return undefined;
}

function build(
  text: string,
  tokens: Token[],
  startTok: number,
  n: NumberMatch,
  b: NumberMatch | undefined,
  reading: Reading,
  q: { from: number; to: number } | undefined,
  first: number,
  limit: number,
  s: Sentence,
  previous: Figure[],
): Found | undefined {
  const last = b ?? n;
  let noun = countedNoun(text, tokens, last, limit);
  // Number words need something counted: "one estimate" and "two sides" are not figures.
  const floor = previous.length ? tokenAt(tokens, previous[previous.length - 1].end) : first;
  const before = eventBefore(tokens, q ? q.from : n.from, first, floor);
  if (n.worded && !n.vague && !n.scaled && !n.compound && !last.currency) {
    const countable = noun?.cls !== undefined && (noun.cls !== 'duration' || q !== undefined || !n.article);
    // "killing four": the event verb right before a number word names what it counts.
    const governed = before && tokens[(q ? q.from : n.from) - 1] && EVENT_BEFORE.endingAt(tokens, (q ? q.from : n.from) - 1, first);
    if (!countable && !q && !governed) return undefined;
    if (n.article && !(noun?.cls === 'duration' || noun?.cls === 'people')) return undefined;
  }
  const after = eventAfter(tokens, noun ? noun.next : last.to + 1, limit);
  // An elided noun ("killed 1,400 people and forced over a million from their homes") is the previous figure's.
  let counts = noun?.text ?? '';
  let head = noun?.head ?? '';
  let nounCls = noun?.cls;
  if (!noun && previous.length && !last.currency && !last.percent) {
    const p = previous[previous.length - 1];
    if (PERSON_CLASSES.has(p.class) && p.head) {
      counts = p.counts;
      head = p.head;
      // The noun carries over, not what happened to it: "left 1,400 dead and drove a million from their homes".
      nounCls = 'people';
    }
  }
  let cls: FigureClass;
  let verb: string | undefined;
  // "a 14-year-old boy": an age describes someone, it counts nothing that happened.
  if (head === 'age') {
    cls = 'count';
  } else if (last.currency) cls = 'money';
  else if (last.percent) cls = 'percentage';
  else if (nounCls && EVENT_CLASSES.has(nounCls)) {
    cls = nounCls;
    verb = before?.cls === nounCls ? before.verb : after?.cls === nounCls ? after.verb : undefined;
  } else if ((!nounCls || nounCls === 'people') && (before || after)) {
    const e = before ?? after!;
    cls = e.cls;
    verb = e.verb;
  } else cls = nounCls ?? (head ? 'count' : 'people');
  if (cls === 'people' && !head && !verb) cls = 'count';

  const [low, high] = b ? [n.value, b.value] : n.vague ? n.vague : interval(n.value, n.step, reading);
  const startOffset = tokens[startTok].start;
  const valueEnd = n.compound ? tokens[last.to].start + (n.compound.start - tokens[last.to].start) - 1 : tokens[last.to].end;
  const end = Math.max(noun?.end ?? 0, n.compound?.end ?? 0, tokens[last.to].end);
  const qualifier = q ? text.slice(tokens[q.from].start, tokens[q.to].end) : undefined;
  const figure: Figure = {
    start: startOffset,
    end,
    text: text.slice(startOffset, end),
    value: { start: startOffset, end: Math.max(valueEnd, startOffset + 1) },
    nominal: n.value,
    low,
    high,
    reading,
    qualifier,
    vague: Boolean(n.vague),
    counts,
    head,
    class: cls,
    verb,
    unit: last.currency ?? (last.percent ? '%' : undefined),
    sentence: s.index,
  };
  return { figure, next: Math.max(noun?.next ?? 0, last.to + 1) };
}
