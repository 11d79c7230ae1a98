// Figures: a number with its qualifier, what it counts and what happened to
// what it counts ("killed more than 1,400 people" → 1,400–1,500 deaths).

import {
  AFTER_QUALIFIERS,
  CLOCK_WORDS,
  COUNTED_NOUNS,
  CURRENCY_SIGNS,
  DIRECTIONS,
  EMERGENCY_NUMBERS,
  MODALS,
  NOT_ONE,
  NOT_COUNTED_AFTER_ONE,
  NOT_PLURALS,
  POSITIONS,
  STREET_WORDS,
  VULGAR_FRACTIONS,
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
  YEAR_SPANS,
  YEAR_WORDS,
  ATTRIBUTION_VERBS,
  type EventClass,
} from './lexicon.js';
import { exact, hyphenatedYears, interval, readNumber, type NumberMatch } from './numbers.js';
import { singular, tokenAt, type Token } from './text.js';
import type { Figure, FigureClass, Reading, Sentence } from './types.js';

/** Classes whose count an event verb can refine ("killed 35 police officers" counts deaths). */
const PERSON_CLASSES = new Set<FigureClass>(['people', 'count', ...EVENT_CLASSES]);
const MAX_NOUN_WORDS = 4;
const TIME_DETERMINERS = new Set(['last', 'next', 'this', 'each', 'every', 'per', 'a', 'an']);
/** Words after "a"/"an" that can make it part of a figure. */
const ARTICLE_FOLLOWERS = new Set([
  ...NUMBER_SCALES.keys(),
  'dozen', 'few', 'quarter', 'half', 'third', 'fifth', 'hundredth', 'little', 'minimum', 'maximum', 'total', 'estimated', 'approximate',
]);
const VERB_WINDOW = 5;
/** Words between "of" and the counted noun ("two of his children"). */
const OF_DETERMINERS = new Set(['the', 'their', 'his', 'her', 'its', 'our', 'my', 'your', 'these', 'those']);
/** Words after a bare "half" that make it an amount ("half of the voters", "half the time", "half an hour"). */
const HALF_FOLLOWERS = new Set(['of', 'the', 'a', 'an', 'their', 'its', 'his', 'her', 'our', 'my', 'your', 'all', 'them', 'those', 'these', 'that', 'this']);
/** Words before "half" that make it a part of something else ("the second half", "in half"). */
const HALF_BLOCKERS = new Set(['the', 'first', 'second', 'other', 'each', 'in', 'latter', 'former', 'back', 'better']);

/** The counted noun ends in a plural ("studies", "sold-out shows"), not a possessive ("the two sides’ positions"). */
function looksPlural(tokens: Token[], noun: { head: string; next: number }): boolean {
  const w = tokens[noun.next - 1];
  if (!w || w.kind !== 'word' || w.lower.length < 4) return false;
  if (NOT_PLURALS.has(w.lower) || !/[^su'’]s$/.test(w.lower)) return false;
  const after = tokens[noun.next];
  return !(after && !after.gap && (after.text === '’' || after.text === "'"));
}

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
  if (t.kind === 'punct') {
    if (CURRENCY_SIGNS.has(t.text) || VULGAR_FRACTIONS.has(t.text)) return true;
    if (t.text === '<' || t.text === '>' || t.text === '≤' || t.text === '≥') return true;
    // "-5", ".08": a sign or a leading decimal point glued to digits.
    return (t.text === '-' || t.text === '−' || t.text === '.') && next?.kind === 'num' && !next.gap;
  }
  // "A$100", "HK$5": a currency prefix glued to the sign.
  if (next?.text === '$' && !next.gap && t.cap) return true;
  // "a" and "an" begin a figure only before a scale or a qualifier's next word ("a million", "a few hundred", "an estimated").
  if (t.lower === 'a' || t.lower === 'an') return next !== undefined && (ARTICLE_FOLLOWERS.has(next.lower) || hyphenatedYears(next) !== undefined || NOUN_CLASS.get(next.lower) === 'duration');
  if (FIGURE_STARTERS.hasToken(t)) return true;
  if (t.cap && next?.kind === 'num' && !next.gap) return true;
  // "three-hour", "twenty-five": a number word glued to the rest.
  const dash = t.lower.indexOf('-');
  return dash > 0 && FIGURE_STARTERS.has(t.lower.slice(0, dash));
}

interface Found {
  figure: Figure;
  next: number;
}

/** The span of time a fraction is of: "hour" in "a half hour" and "half an hour". */
function fractionOfSpan(text: string, tokens: Token[], n: NumberMatch, limit: number): Noun | undefined {
  let k = n.to + 1;
  if (tokens[k]?.lower === 'a' || tokens[k]?.lower === 'an') k++;
  const w = tokens[k];
  if (!w || k >= limit || NOUN_CLASS.get(w.lower) !== 'duration' || singular(w.lower) !== w.lower) return undefined;
  return { text: text.slice(w.start, w.end), start: w.start, end: w.end, head: w.lower, cls: 'duration', next: k + 1 };
}

/** "minute or two", "day or three" at `j`: a span of time and a small worded number after "or", read as that number. */
function spanOrFew(tokens: Token[], j: number, limit: number): NumberMatch | undefined {
  if (!(j + 2 < limit && NOUN_CLASS.get(tokens[j].lower) === 'duration' && tokens[j + 1].lower === 'or')) return undefined;
  const b = readNumber(tokens, j + 2, limit);
  return b && b.worded && !b.article && !b.share && !b.scaled && b.value >= 2 && b.value <= 5 && b.to === j + 2 ? b : undefined;
}

/** "and a half" at `j`. */
function andAHalf(tokens: Token[], j: number, limit: number): boolean {
  return j + 2 < limit && tokens[j].lower === 'and' && tokens[j + 1].lower === 'a' && tokens[j + 2].lower === 'half';
}

/** "year and a half", "decade and a half" at `j`: one span of time and half another, a figure even after a bare "a". */
function spanAndAHalf(tokens: Token[], j: number, limit: number): boolean {
  return j < limit && NOUN_CLASS.get(tokens[j].lower) === 'duration' && andAHalf(tokens, j + 1, limit);
}

function figureAt(text: string, tokens: Token[], i: number, first: number, limit: number, s: Sentence, previous: Figure[]): Found | undefined {
  const t = tokens[i];
  // "between 10 and 15"
  if (t.lower === 'between') {
    const a = readNumber(tokens, i + 1, limit);
    if (a && tokens[a.to + 1]?.lower === 'and' && !isNotAFigure(tokens, a, first, false, s)) {
      const b = readNumber(tokens, a.to + 2, limit);
      if (b && !b.article && sameKind(a, b)) {
        // "between $5 and $10 million": the first end shares the scale written with the second.
        const scaledA = sharedScale(a, b);
        if (b.value > scaledA.value) return build(text, tokens, i, scaledA, b, 'range', undefined, first, limit, s, previous);
      }
    }
    return undefined;
  }
  const q = QUALIFIERS.at(tokens, i, limit) ?? symbolQualifier(tokens, i);
  let reading: Reading | undefined = q?.value;
  const numberAt = q ? q.to + 1 : i;
  const n = readNumber(tokens, numberAt, limit);
  if (!n) return undefined;
  // "a minute or two", "a day or two": one span of time or a few, the noun between the two numbers.
  const fewMore = n.article && !q ? spanOrFew(tokens, n.to + 1, limit) : undefined;
  if (fewMore) return build(text, tokens, i, n, fewMore, 'range', undefined, first, limit, s, previous);
  if (n.article && !q && !spanAndAHalf(tokens, n.to + 1, limit)) return undefined;
  if (isNotAFigure(tokens, n, first, q !== undefined, s)) return undefined;
  // Ranges: "10 to 15", "10-15", "10 - 15", "20 through 100", "8-to-10", "4 or 5".
  // "from 3 to 9 p.m.": opening hours, not a range of amounts.
  if (!n.worded && (tokens[n.to + 1]?.lower === 'to' || tokens[n.to + 1]?.text === '-' || tokens[n.to + 1]?.text === '–')) {
    const end = readNumber(tokens, n.to + 2, limit);
    if (end && isClockTime(tokens, end.to + 1)) return undefined;
  }
  const range = rangeEnd(tokens, n, limit);
  if (range) {
    const b = range;
    const a = sharedScale(n, b);
    return build(text, tokens, q ? q.from : i, a, b, 'range', q, first, limit, s, previous);
  }
  const sep = tokens[n.to + 1];
  if (sep && sep.text === '-' && !sep.gap && tokens[n.to + 2]?.kind === 'num' && !n.compound) return undefined;
  // "500 or more", "500 or less": a bound written after the number.
  const bound = AFTER_QUALIFIERS.at(tokens, n.to + 1, limit);
  // "5000 or more than 4500", "40 and less than 10": the words begin another figure's qualifier.
  const boundNext = bound ? tokens[bound.to + 1] : undefined;
  const another = boundNext && (boundNext.kind === 'num' || boundNext.lower === 'than' || readNumber(tokens, bound!.to + 1, limit) !== undefined);
  if (bound && !n.vague && !another) {
    const m = { ...n, to: bound.to };
    return build(text, tokens, q ? q.from : i, m, undefined, bound.value === 'floor' ? 'floor' : 'under', q, first, limit, s, previous);
  }
  // "over two days" is "during two days": "over" before a duration is no floor.
  if (q && tokens[q.from].lower === 'over' && q.to === q.from) {
    const noun = countedNoun(text, tokens, n, limit);
    if (noun?.cls === 'duration' && tokens[noun.next]?.lower !== 'old') reading = undefined;
  }
  if (!reading) reading = n.vague ? 'vague' : n.step > 1 && n.value >= 100 && !n.worded ? 'rounded' : 'exact';
  else if (n.vague) reading = 'vague';
  return build(text, tokens, q ? q.from : i, n, undefined, reading, q, first, limit, s, previous);
}

/** "2 to 3 million", "between $5 and $10 million": the first end takes the scale written after the second, unless its digits are already larger ("500 to 2 million"). */
function sharedScale(a: NumberMatch, b: NumberMatch): NumberMatch {
  if (!b.scaled || a.scaled || b.multiplier <= 1 || a.value >= b.value / b.multiplier) return a;
  return { ...a, value: exact(a.value * b.multiplier), step: exact(a.step * b.multiplier) };
}

/** Two ends of one range: "3.5% to $45.20" is a change from a percentage to a price, but "10 to 15%" shares the unit written last. */
function sameKind(a: NumberMatch, b: NumberMatch): boolean {
  if (a.percent && !b.percent) return false;
  if ((a.currency && b.percent) || (a.percent && b.currency)) return false;
  return !(a.currency && b.currency && a.currency !== b.currency);
}

/** "<30", "<= -30", "> 10": comparison signs before a number. */
function symbolQualifier(tokens: Token[], i: number): { value: Reading; from: number; to: number } | undefined {
  const t = tokens[i];
  if (t.kind !== 'punct' || (t.text !== '<' && t.text !== '>' && t.text !== '≤' && t.text !== '≥')) return undefined;
  const eq = tokens[i + 1]?.text === '=' ? 1 : 0;
  const less = t.text === '<' || t.text === '≤';
  return { value: less ? 'under' : eq || t.text === '≥' ? 'atLeast' : 'above', from: i, to: i + eq };
}

/** The second number of a range written with to, through, a hyphen or dash, or "or" ("four or five"). */
function rangeEnd(tokens: Token[], n: NumberMatch, limit: number): NumberMatch | undefined {
  if (n.compound || n.share && n.bareHalf) return undefined;
  let j = n.to + 1;
  const sep = tokens[j];
  if (!sep || j >= limit) return undefined;
  let or = false;
  if (sep.lower === 'to' || sep.lower === 'through' || sep.lower === 'thru' || sep.text === '–' || sep.text === '—' && sep.gap) j++;
  else if (sep.text === '-' && (!sep.gap || tokens[j + 1]?.gap)) {
    j++;
    // "8-to-10 foot"
    if (tokens[j]?.lower === 'to' && tokens[j + 1]?.text === '-') j += 2;
  } else if (sep.lower === 'or' && !AFTER_QUALIFIERS.at(tokens, j, limit)) {
    or = true;
    j++;
  } else return undefined;
  const b = readNumber(tokens, j, limit);
  if (!b || b.article || Boolean(b.share) !== Boolean(n.share) || !sameKind(n, b)) return undefined;
  if (isClockTime(tokens, b.to + 1)) return undefined;
  if (b.compound && sep.text !== '-') return undefined;
  if (!(b.value > n.value) || (n.worded && b.worded && b.value >= n.value * 1000)) return undefined;
  // "4 or 5 guys" is a range; "one or two" too, but "2 or 2,000" is a choice between two figures.
  if (or && (b.value > n.value * 10 || n.worded !== b.worded)) return undefined;
  // A phone number: three groups joined by hyphens.
  if (sep.text === '-' && tokens[b.to + 1]?.text === '-' && tokens[b.to + 2]?.kind === 'num') return undefined;
  return b;
}

/** Dates, years, times, ordinals, addresses and identifiers are numbers but not figures. */
function isNotAFigure(tokens: Token[], n: NumberMatch, first: number, qualified: boolean, s: Sentence): boolean {
  const t = tokens.slice(n.core, n.to + 1).find((x) => x.kind === 'num');
  const prev = tokens[n.from - 1];
  const next = tokens[n.to + 1];
  if (t) {
    const ti = tokens.indexOf(t, n.core);
    const before = tokens[ti - 1];
    // Glued to letters before ("G7", "F-16", "Covid-19", "USD115" is money and read as such).
    if (before && !t.gap && before.kind === 'word' && before.end === t.start && !n.currency) return true;
    if (prev && prev.text === '-' && !t.gap && tokens[n.from - 2]?.kind === 'word' && !prev.gap) return true;
    // The second half of a score or tally: "voted 7-2"; the parts of a phone number "734-794-6939", "+1-222".
    if (prev && prev.text === '-' && !t.gap && tokens[n.from - 2]?.kind === 'num' && !prev.gap) return true;
    if (prev && prev.text === '+' && !t.gap) return true;
    if (next?.text === '-' && !next.gap && tokens[n.to + 2]?.kind === 'num' && tokens[n.to + 3]?.text === '-' && tokens[n.to + 4]?.kind === 'num') return true;
    // "#1", "&#039;": a rank or an entity code.
    if (prev && prev.text === '#' && !t.gap) return true;
    // Dates: "October 7", "7 October", "October 7, 2024", "Dec. 12".
    if (prev && MONTHS.has(prev.lower) && prev.cap) return true;
    if (prev?.text === '.' && !prev.gap && MONTHS.has(tokens[n.from - 2]?.lower ?? '') && tokens[n.from - 2].cap) return true;
    if (next && MONTHS.has(next.lower) && next.cap) return true;
    if (prev?.text === ',' && tokens[n.from - 2]?.kind === 'num' && MONTHS.has(tokens[n.from - 3]?.lower ?? '')) return true;
    // Times: "10:30", "10 a.m.", "8 p.m.", "at 12.15".
    if ((next?.text === ':' && !next.gap && tokens[n.to + 2]?.kind === 'num') || (prev?.text === ':' && !t.gap)) return true;
    if (next && TIME_WORDS.has(next.lower)) return true;
    if (isClockTime(tokens, n.to + 1)) return true;
    if (/^\d{1,2}\.\d\d$/.test(t.text) && CLOCK_WORDS.has(prev?.lower ?? '') && Number(t.text.split('.')[0]) <= 24 && Number(t.text.split('.')[1]) < 60 && !n.percent && !n.currency && !n.scaled && !isCounted(tokens, n.to + 1)) return true;
    // "(1/2)": a thread or page counter, not a half.
    if (n.share && prev?.text === '(' && next?.text === ')') return true;
    // Slashed dates: "9/11", "5/17/2018" (fractions with usual denominators were read as shares).
    if (!n.share && ((next?.text === '/' && !next.gap) || (prev?.text === '/' && !t.gap))) return true;
    // Years: four digits without a separator, unless they clearly count something.
    if (!n.currency && !n.percent && !n.scaled && /^\d{4}$/.test(t.text) && n.value >= 1500 && n.value <= 2199) {
      const counted = next && (NOUN_CLASS.has(singular(next.lower)) || COUNTED_NOUNS.at(tokens, n.to + 1));
      if (!counted || YEAR_WORDS.has(prev?.lower ?? '')) return true;
    }
    // Identifiers: "Resolution 1701", "Route 66".
    if (prev && IDENTIFIER_NOUNS.has(prev.lower) && !qualified && n.from > first) return true;
    // "No. 4 Ohio State", "Vol. 2": an abbreviated identifier noun with its full stop.
    if (prev?.text === '.' && !prev.gap && IDENTIFIER_NOUNS.has(tokens[n.from - 2]?.lower ?? '') && tokens[n.from - 2].cap && !qualified) return true;
    // Decades and plural numbers: "1990s".
    if (next && next.lower === 's' && !next.gap) return true;
    if (!n.currency && !n.percent && !n.scaled && !n.share && !qualified && /^\d+$/.test(t.text)) {
      // Addresses: "30 Rockefeller Plaza", "1225 N. Rampart St.", "the 23300 block of".
      if (isAddress(tokens, n.to + 1)) return true;
      if (next?.lower === 'block' && tokens[n.to + 2]?.lower === 'of') return true;
      // Names with a number: "S&P 500", "KGUN 9", "NBC 4 New York", "flight QZ 8501".
      if (prev && prev.kind === 'word' && prev.cap && (n.from - 1 > first || /^\p{Lu}{2,}$/u.test(prev.text)) && !STOPWORDS.has(prev.lower) && !WEEKDAYS.has(prev.lower) && s.kind !== 'headline' && s.kind !== 'heading' && !isCounted(tokens, n.to + 1) && !titleCase(tokens, first, tokenAt(tokens, s.end)) && !/^\p{Lu}\p{Ll}+s$/u.test(prev.text)) return true;
      // Numbers people call: "calling 911", "a 911 dispatcher".
      if (EMERGENCY_NUMBERS.has(t.text) && !isCounted(tokens, n.to + 1)) return true;
      // A position in a series: "photo 1 of 4".
      if (next?.lower === 'of' && tokens[n.to + 2]?.kind === 'num' && !isCounted(tokens, n.to + 3) && tokens[n.to + 3]?.kind !== 'word') return true;
      if (prev?.lower === 'of' && tokens[n.from - 2]?.kind === 'num' && !isCounted(tokens, n.to + 1) && next?.kind !== 'word') return true;
      // A number in parentheses after a name: a jersey number or a ranking, "Ryan Nunn (22)".
      if (prev?.text === '(' && next?.text === ')' && tokens[n.from - 2]?.cap && tokens[n.from - 2].kind === 'word') return true;
    }
  }
  return false;
}

/** "a.m." or "p.m." written with full stops, which the tokenizer splits ("p", ".", "m"). */
function isClockTime(tokens: Token[], k: number): boolean {
  const w = tokens[k];
  if (!w) return false;
  if (TIME_WORDS.has(w.lower)) return true;
  return (w.lower === 'a' || w.lower === 'p') && tokens[k + 1]?.text === '.' && !tokens[k + 1].gap && tokens[k + 2]?.lower === 'm' && !tokens[k + 2].gap;
}

/**
 * A line written in Title Case ("Storm Kills 12 In Texas Town"): capitals
 * there do not mark names. Every content word is capitalised, and so is a
 * small word in mid-line ("In") or the line is long; a sentence full of names
 * ("Watch NBC 4 New York at 11") keeps its small words lower case.
 */
function titleCase(tokens: Token[], first: number, limit: number): boolean {
  let words = 0;
  let smallCaps = 0;
  for (let j = first; j < limit; j++) {
    const t = tokens[j];
    if (t.kind !== 'word') continue;
    if (STOPWORDS.hasToken(t)) {
      if (j > first && t.cap) smallCaps++;
      else if (j > first) return false;
      continue;
    }
    if (!t.cap) return false;
    words++;
  }
  return words >= 3 && (smallCaps > 0 || words >= 6);
}

/** A known counted noun at token `k` ("people", "Palestinians", "homes"). */
function isCounted(tokens: Token[], k: number): boolean {
  const w = tokens[k];
  if (!w || w.kind !== 'word') return false;
  return NOUN_CLASS.has(singular(w.lower)) || NOUN_CLASS.has(w.lower) || COUNTED_NOUNS.at(tokens, k) !== undefined;
}

/** "Rockefeller Plaza", "N. Rampart St.": capitalised words ending in a street word, after a house number. */
function isAddress(tokens: Token[], k: number): boolean {
  let j = k;
  if (tokens[j] && DIRECTIONS.has(tokens[j].lower) && tokens[j].cap) {
    j++;
    if (tokens[j]?.text === '.') j++;
  }
  for (let words = 0; words < 4 && tokens[j]; words++, j++) {
    const w = tokens[j];
    if (w.kind !== 'word' || !w.cap) return false;
    if (words > 0 && STREET_WORDS.has(w.lower)) return true;
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
  if (tokens[k]?.lower === 'of' && (n.vague || n.scaled || (n.worded && n.value >= 2 && !n.share))) {
    k++;
    if (OF_DETERMINERS.has(tokens[k]?.lower ?? '')) k++;
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
    if (STOPWORDS.hasToken(w) || w.lower.endsWith('ly') || ATTRIBUTION_VERBS.at(tokens, j)) break;
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
    if (!w || k >= limit || w.kind !== 'word' || STOPWORDS.hasToken(w) || w.lower.endsWith('ly') || ATTRIBUTION_VERBS.at(tokens, k)) return undefined;
    if (MONTHS.has(w.lower) || WEEKDAYS.has(w.lower)) return undefined;
    if (EVENT_AFTER.at(tokens, k)) return undefined;
    endTok = k;
    // "two major forces", "eight rotating draft selections": modifiers before a plural noun belong to the phrase.
    for (let x = k; x < Math.min(limit, k + 3); x++) {
      const m = tokens[x];
      if (m.kind !== 'word' || STOPWORDS.hasToken(m) || m.lower.endsWith('ly') || ATTRIBUTION_VERBS.at(tokens, x)) break;
      if (/[^su'’]s$/.test(m.lower) && !NOT_PLURALS.has(m.lower)) {
        endTok = x;
        break;
      }
    }
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

/**
 * What a number (or range) counts, and its amount where the noun changes it:
 * "a quarter century" counts years, "a minute or two" minutes (the noun
 * between the ends), "a half hour" is a duration and not a share, "a year
 * and a half" 1.5 years, "a decade and a half" 15.
 */
function countedBy(
  text: string,
  tokens: Token[],
  n: NumberMatch,
  b: NumberMatch | undefined,
  limit: number,
): { noun: Noun | undefined; nominal: number; step: number; spanFraction: boolean; half: boolean } {
  const last = b ?? n;
  let noun = last.years
    ? { text: 'years', start: tokens[last.to].start, end: tokens[last.to].end, head: 'year', cls: 'duration' as const, next: last.to + 1 }
    : (b && n.article ? countedNoun(text, tokens, n, limit) : undefined) ?? countedNoun(text, tokens, last, limit);
  const ofSpan = n.share && !n.percent && !b ? fractionOfSpan(text, tokens, n, limit) : undefined;
  if (ofSpan) noun = ofSpan;
  const half = !b && !n.share && noun?.cls === 'duration' && andAHalf(tokens, noun.next, limit);
  if (!half || !noun) return { noun, nominal: n.value, step: n.step, spanFraction: Boolean(ofSpan), half: false };
  const span = YEAR_SPANS.get(noun.head) ?? 1;
  const nominal = exact((n.value + 0.5) * span);
  // A tenth of the amount, as for "half a million": "nearly a year and a half" is 1.35–1.5 years.
  const step = exact(nominal / 10);
  noun = { ...noun, ...(span > 1 ? { text: 'years', head: 'year' } : {}), end: tokens[noun.next + 2].end, next: noun.next + 3 };
  return { noun, nominal, step, spanFraction: false, half: true };
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
  const { noun, nominal, step, spanFraction, half } = countedBy(text, tokens, n, b, limit);
  // Number words need something counted: "one estimate" and "two sides" are not figures.
  const floor = previous.length ? tokenAt(tokens, previous[previous.length - 1].end) : first;
  const before = eventBefore(tokens, q ? q.from : n.from, first, floor);
  const startAt = q ? q.from : n.from;
  const prev = tokens[startAt - 1];
  if (n.share) {
    // A fraction is a share ("two-thirds of voters"); the bare word "half" is one only where something marks it as an amount.
    if (n.bareHalf && !q && !(prev && (prev.lower === 'a' || prev.lower === 'by')) && !HALF_FOLLOWERS.has(tokens[n.to + 1]?.lower ?? '')) return undefined;
    if (n.bareHalf && prev && HALF_BLOCKERS.has(prev.lower) && !q) return undefined;
  } else if (n.worded && !n.vague && !n.scaled && !n.compound && !n.multiple && !last.currency && !last.percent && Number.isInteger(n.value) && n.value >= 0) {
    const isOne = n.value === 1 && tokens[n.core]?.lower === 'one';
    // "one of the officials" is a pronoun, "any one person" and "no one" idioms, "could one day" means some day.
    if (isOne && (tokens[n.to + 1]?.lower === 'of' || NOT_ONE.has(prev?.lower ?? '') || (noun?.head === 'day' && MODALS.has(prev?.lower ?? '')))) return undefined;
    const countable = noun?.cls !== undefined && (noun.cls !== 'duration' || q !== undefined || !n.article || half);
    // "killing four": the event verb right before a number word names what it counts.
    const governed = before && prev && EVENT_BEFORE.endingAt(tokens, startAt - 1, first);
    // "four studies", "two major forces": a plural noun is counted even when no list knows it.
    const plural = n.value >= 2 && noun !== undefined && looksPlural(tokens, noun);
    // "the top four", "the first two": a count of places in a ranking.
    const position = !isOne && prev !== undefined && POSITIONS.has(prev.lower) && startAt - 1 >= first;
    // A number word that is a whole sentence ("Three.") can only be a number.
    const alone = tokens.slice(first, limit).every((x, j) => x.kind === 'punct' || (first + j >= n.from && first + j <= last.to));
    // "one hundred and seventy": a number spelled in several words is a number whatever follows.
    const spelledOut = n.value >= 100 && n.to > n.core;
    // "dealt with one regulator", "one white Christmas": one of something, unless a source or a turn of speech follows.
    const oneThing = isOne && noun !== undefined && !(startAt === first && tokens[startAt].cap) && !tokens.slice(tokenAt(tokens, noun.start), tokenAt(tokens, noun.end) + 1).some((w) => NOT_COUNTED_AFTER_ONE.hasToken(w));
    if (!countable && !q && !governed && !plural && !position && !alone && !spelledOut && !b && !oneThing) return undefined;
    if (n.article && !(noun?.cls === 'duration' || noun?.cls === 'people')) return undefined;
  }
  const after = eventAfter(tokens, noun ? noun.next : last.to + 1, limit);
  // An elided noun ("killed 1,400 people and forced over a million from their homes") is the previous figure's.
  let counts = noun?.text ?? '';
  let head = noun?.head ?? '';
  let nounCls = noun?.cls;
  if (!noun && previous.length && !last.currency && !last.percent && !last.share) {
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
  else if (last.share && !last.percent && !spanFraction) cls = 'share';
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

  const [low, high] = b ? [n.value, b.value] : n.vague ? n.vague : interval(nominal, step, reading);
  const startOffset = tokens[startTok].start;
  const valueEnd = n.compound ? tokens[last.to].start + (n.compound.start - tokens[last.to].start) - 1 : tokens[last.to].end;
  const end = Math.max(noun?.end ?? 0, n.compound?.end ?? 0, tokens[last.to].end);
  const qualifier = q ? text.slice(tokens[q.from].start, tokens[q.to].end) : undefined;
  const figure: Figure = {
    start: startOffset,
    end,
    text: text.slice(startOffset, end),
    value: { start: startOffset, end: Math.max(valueEnd, startOffset + 1) },
    nominal,
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
