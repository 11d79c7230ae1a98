// Turns the word lists in data/ into lookup tables. Every list the detectors
// consult lives in a JSON file; this module only indexes them.

import attribution from './data/attribution.json';
import countedNouns from './data/counted-nouns.json';
import eventVerbs from './data/event-verbs.json';
import firstNames from './data/first-names.json';
import money from './data/money.json';
import notFigures from './data/not-figures.json';
import numbers from './data/numbers.json';
import organisations from './data/organisations.json';
import places from './data/places.json';
import qualifiers from './data/qualifiers.json';
import sentenceWords from './data/sentence-words.json';
import titles from './data/titles.json';
import { vocabularyNumber, wordNumber, type Token } from './text.js';
import type { FigureClass, Reading } from './types.js';

interface Entry<T> {
  words: string[];
  value: T;
}

export interface PhraseMatch<T> {
  value: T;
  /** First and last token index of the match, inclusive. */
  from: number;
  to: number;
  text: string;
}

/**
 * Multi-word phrases matched against tokens, longest first. Phrase words are
 * lower case; a "." written after a word in the list ("lt. gen") matches an
 * optional full stop token.
 */
export class PhraseTable<T> {
  private byFirst = new Map<string, Entry<T>[]>();
  private byLast = new Map<string, Entry<T>[]>();
  /** The same entries by the vocabulary number of the word (see `vocabularyNumber`), when every word has one. */
  private firstById: readonly (Entry<T>[] | undefined)[] | undefined;
  private lastById: readonly (Entry<T>[] | undefined)[] | undefined;

  constructor(pairs: Iterable<[string, T]>) {
    for (const [phrase, value] of pairs) {
      const words = phrase
        .toLowerCase()
        .split(/\s+/)
        .map((w) => (w.length > 1 && w.endsWith('.') && !/\.\w\.$/.test(w) && !/^(?:\w\.)+$/.test(w) ? w.slice(0, -1) : w))
        .filter(Boolean);
      if (!words.length) continue;
      const entry = { words, value };
      push(this.byFirst, words[0], entry);
      push(this.byLast, words[words.length - 1], entry);
    }
    for (const list of [...this.byFirst.values(), ...this.byLast.values()]) list.sort((a, b) => b.words.length - a.words.length);
    this.firstById = byNumber(this.byFirst);
    this.lastById = byNumber(this.byLast);
  }

  /** The entries whose first word is the token's. */
  private startingWith(t: Token): Entry<T>[] | undefined {
    const ids = this.firstById;
    if (!ids) return this.byFirst.get(t.lower);
    const id = wordNumber(t);
    return id < ids.length ? ids[id] : undefined;
  }

  /** The entries whose last word is the token's. */
  private endingWith(t: Token): Entry<T>[] | undefined {
    const ids = this.lastById;
    if (!ids) return this.byLast.get(t.lower);
    const id = wordNumber(t);
    return id < ids.length ? ids[id] : undefined;
  }

  has(word: string): boolean {
    return this.byFirst.has(word.toLowerCase());
  }

  /** Every word a phrase of the table can start with. */
  firstWords(): string[] {
    return [...this.byFirst.keys()];
  }

  /** The longest phrase starting at token `i`. */
  at(tokens: Token[], i: number, limit = tokens.length): PhraseMatch<T> | undefined {
    const first = tokens[i];
    if (!first || first.kind === 'punct') return undefined;
    const entries = this.startingWith(first);
    if (!entries) return undefined;
    for (const entry of entries) {
      let j = i;
      let ok = true;
      for (let w = 0; w < entry.words.length; w++) {
        if (w > 0) {
          j++;
          if (tokens[j]?.text === '.' && !tokens[j].gap && w < entry.words.length) j++;
        }
        if (j >= limit || tokens[j]?.lower !== entry.words[w]) {
          ok = false;
          break;
        }
      }
      if (ok) return { value: entry.value, from: i, to: j, text: '' };
    }
    return undefined;
  }

  /** The longest phrase ending at token `j`. */
  endingAt(tokens: Token[], j: number, floor = 0): PhraseMatch<T> | undefined {
    const last = tokens[j];
    if (!last || last.kind === 'punct') return undefined;
    const entries = this.endingWith(last);
    if (!entries) return undefined;
    for (const entry of entries) {
      let i = j;
      let ok = true;
      for (let w = entry.words.length - 1; w >= 0; w--) {
        if (w < entry.words.length - 1) {
          i--;
          if (tokens[i]?.text === '.' && !tokens[i].gap) i--;
        }
        if (i < floor || tokens[i]?.lower !== entry.words[w]) {
          ok = false;
          break;
        }
      }
      if (ok) return { value: entry.value, from: i, to: j, text: '' };
    }
    return undefined;
  }
}

/** A word-keyed map as an array by vocabulary number, or undefined if some word has no number. */
function byNumber<V>(map: Map<string, V>): (V | undefined)[] | undefined {
  const numbered: [number, V][] = [];
  for (const [word, value] of map) {
    const n = vocabularyNumber(word);
    if (n === undefined) return undefined;
    numbered.push([n, value]);
  }
  const out = new Array<V | undefined>(Math.max(0, ...numbered.map(([n]) => n)) + 1).fill(undefined);
  for (const [n, value] of numbered) out[n] = value;
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A set of lower-case words that also answers for a token by the token's
 * vocabulary number (see `vocabularyNumber`), without hashing its word.
 */
export class WordSet extends Set<string> {
  private ids: Uint8Array | undefined;

  constructor(words: Iterable<string> = []) {
    super(words);
    const numbers: number[] = [];
    for (const w of this) {
      const n = vocabularyNumber(w);
      if (n === undefined) return;
      numbers.push(n);
    }
    this.ids = new Uint8Array(Math.max(0, ...numbers) + 1);
    for (const n of numbers) this.ids[n] = 1;
  }

  override add(word: string): this {
    super.add(word);
    // A word the numbers do not cover makes the set ask by words from then on.
    const n = this.ids && vocabularyNumber(word);
    if (this.ids && (n === undefined || n >= this.ids.length)) this.ids = undefined;
    else if (this.ids) this.ids[n!] = 1;
    return this;
  }

  override delete(word: string): boolean {
    if (this.ids) this.ids = undefined;
    return super.delete(word);
  }

  override clear(): void {
    this.ids = undefined;
    super.clear();
  }

  /** Whether the token's lower-case word is in the set. */
  hasToken(t: Token): boolean {
    const ids = this.ids;
    if (!ids) return this.has(t.lower);
    const id = wordNumber(t);
    return id < ids.length && ids[id] === 1;
  }
}

const lowerSet = (list: string[]) => new WordSet(list.map((w) => w.toLowerCase()));

// Numbers ------------------------------------------------------------------

export const NUMBER_UNITS = new Map<string, number>(Object.entries(numbers.units));
export const NUMBER_TENS = new Map<string, number>(Object.entries(numbers.tens));
export const NUMBER_SCALES = new Map<string, number>(Object.entries(numbers.scales));
export const NUMBER_FRACTIONS = new Map<string, number>(Object.entries(numbers.fractions));
/** Spans of years a fraction or "and a half" reads in years ("a quarter century": 25 years). */
export const YEAR_SPANS = new Map<string, number>(Object.entries(numbers.yearSpans));
export const VAGUE_AMOUNTS = new PhraseTable<[number, number]>(
  Object.entries(numbers.vague).map(([k, v]) => [k, v as [number, number]]),
);

export const NUMBER_GLUED_SCALES = new Map<string, number>(Object.entries(numbers.gluedScales));
export const NUMBER_DENOMINATORS = new Map<string, number>(Object.entries(numbers.denominators));
export const VULGAR_FRACTIONS = new Map<string, number>(Object.entries(numbers.vulgar));
export const SLASH_DENOMINATORS = new Set<number>(numbers.slashDenominators);
export const DOZENS = lowerSet(numbers.dozens);
export const NEGATIVES = lowerSet(numbers.negatives);
export const NEGATIVE_NOT_AFTER = lowerSet(numbers.negativeNotAfter);
export const MULTIPLES = new Map<string, number>(Object.entries(numbers.multiples));
/** "1 in 5", "one out of three": a share written as two counts. */
export const SHARE_LINKS = new PhraseTable<true>(numbers.shareLinks.map((w): [string, true] => [w, true]));

export const STREET_WORDS = lowerSet(notFigures.streetWords);
export const DIRECTIONS = lowerSet(notFigures.directions);
export const EMERGENCY_NUMBERS = new Set<string>(notFigures.emergencyNumbers);
export const CLOCK_WORDS = lowerSet(notFigures.clockWords);
export const NOT_ONE = lowerSet(notFigures.notOne);
/** Nouns that 'one' does not count ('one estimate', 'one thing'). */
export const NOT_COUNTED_AFTER_ONE = lowerSet(notFigures.notCountedAfterOne);
export const MODALS = lowerSet(notFigures.modals);
export const POSITIONS = lowerSet(notFigures.positions);
export const NOT_PLURALS = lowerSet(notFigures.notPlurals);

export const MONEY_CODES = new Map<string, string>(Object.entries(money.codes));
export const MONEY_MILLION_CODES = new Map<string, string>(Object.entries(money.millionCodes));
export const MONEY_NAMES = new PhraseTable<string>(Object.entries(money.names));
export const MONEY_SUBUNITS = new Map<string, string>(Object.entries(money.subunits));
export const MONEY_COMPOSITES = lowerSet(money.composites);
/** Letters glued before "$" that name the dollar ("A$" Australian, "HK$" Hong Kong). */
export const DOLLAR_PREFIXES = new Map<string, string>(Object.entries(money.dollarPrefixes));
/** How the minor units are written after the number ("45¢", "470p"). */
export const MONEY_SUBUNIT_SIGNS = new Map<string, string>(Object.entries(money.subunitSigns));

/** Bounds written after the number: "500 or more" is a floor, "500 or less" a ceiling. */
export const AFTER_QUALIFIERS = new PhraseTable<'floor' | 'ceiling'>([
  ...qualifiers.after.floor.map((q): [string, 'floor'] => [q, 'floor']),
  ...qualifiers.after.ceiling.map((q): [string, 'ceiling'] => [q, 'ceiling']),
]);

export const QUALIFIERS: PhraseTable<Reading> = new PhraseTable<Reading>(
  Object.entries(qualifiers)
    .filter(([k, v]) => !k.startsWith('$') && Array.isArray(v))
    .flatMap(([reading, list]) => (list as string[]).map((q): [string, Reading] => [q, reading as Reading])),
);

// Counted nouns and events -------------------------------------------------

const nounPairs: [string, FigureClass][] = [];
for (const [cls, list] of Object.entries(countedNouns)) {
  if (cls.startsWith('$')) continue;
  for (const noun of list as string[]) nounPairs.push([noun, cls as FigureClass]);
}
for (const country of places.countries) for (const d of country.demonyms) nounPairs.push([d, 'people']);
export const COUNTED_NOUNS = new PhraseTable<FigureClass>(nounPairs);
/** Single-word counted nouns by singular form, for the head of a counted phrase. */
export const NOUN_CLASS = new Map<string, FigureClass>(nounPairs.filter(([n]) => !n.includes(' ')).map(([n, c]) => [n.toLowerCase(), c]));

export type EventClass = 'deaths' | 'injuries' | 'displaced' | 'hostages' | 'arrests';
const verbsBefore: [string, EventClass][] = [];
const verbsAfter: [string, EventClass][] = [];
for (const [cls, sides] of Object.entries(eventVerbs)) {
  if (cls.startsWith('$')) continue;
  const s = sides as { before: string[]; after: string[] };
  for (const v of s.before) verbsBefore.push([v, cls as EventClass]);
  for (const v of s.after) verbsAfter.push([v, cls as EventClass]);
}
export const EVENT_BEFORE = new PhraseTable<EventClass>(verbsBefore);
/** Figure classes that count what happened to people (deaths, injuries, …): the classes event-verbs.json names. */
export const EVENT_CLASSES: ReadonlySet<FigureClass> = new Set(Object.keys(eventVerbs).filter((k) => !k.startsWith('$')) as EventClass[]);
export const EVENT_AFTER = new PhraseTable<EventClass>(verbsAfter);

// Titles, organisations, places -------------------------------------------

export const ROLES = new PhraseTable<string>(Object.entries(titles.roles));
export const TITLE_MODIFIERS = new PhraseTable<true>(titles.modifiers.map((m): [string, true] => [m, true]));
export const PORTFOLIOS = new PhraseTable<true>(titles.portfolios.map((m): [string, true] => [m, true]));
export const DETERMINERS = lowerSet(titles.determiners);
/** Words that open a noun phrase, before a title's plain words ('both college football analysts'). */
export const TITLE_OPENERS = lowerSet(titles.titleOpeners);
export const NAME_PARTICLES = lowerSet(titles.nameParticles);
export const NAME_SUFFIXES = lowerSet(titles.nameSuffixes);
export const NOT_NAMES = lowerSet(titles.notNames);
/** Two dotted capitals that are places, times or eras, not a person's initials ('U.S.', 'A.M.'). */
export const DOTTED_ACRONYMS = lowerSet(titles.dottedAcronyms);
export const AFTER_NAME = lowerSet(titles.afterName);
export const ORG_NAME_ENDS = lowerSet(titles.orgNameEnds);
export const APPOSITION_VERBS = lowerSet(titles.appositionVerbs);
export const APPOSITION_JOINS = lowerSet(titles.appositionJoins);
export const ROLE_BODY_WORDS = lowerSet(titles.roleBodyWords);
export const COMPATIBLE_GROUPS: readonly string[][] = titles.compatibleGroups;
export const PORTFOLIO_SPELLINGS = new Map<string, string>(Object.entries(titles.portfolioSpellings));
/** Words before a name that are not titles ("Mr.", "Sir"), with the part of the full name that follows them. */
export const HONORIFICS = new Map<string, 'surname' | 'first' | 'any'>(Object.entries(titles.honorifics) as [string, 'surname' | 'first' | 'any'][]);
/** Honorifics that also name a role ("Father" is a priest), with the role's group. */
export const HONORIFIC_ROLES = new Map<string, string>(Object.entries(titles.honorificRoles));
export const AMBIGUOUS_TITLES = lowerSet(titles.ambiguousTitles);
export const SURNAME_WORDS = lowerSet(titles.surnameWords);
export const APPOSITION_ADVERBS = lowerSet(titles.appositionAdverbs);
export const ROLE_VERBS = lowerSet(titles.roleVerbs);
export const INSTITUTION_WORDS = lowerSet(titles.institutionWords);
export const ADVERB_ENDINGS: readonly string[] = titles.adverbEndings;
export const TITLE_ABBREVIATIONS = lowerSet(titles.abbreviations);
/** Officeholders news copy names without a title ('Vladimir Putin'): full name → title. */

export interface OrgInfo {
  id: string;
  country?: string;
  parent?: string;
}
export const ORGS = new Map<string, OrgInfo>(organisations.organisations.map((o) => [o.id, o]));
export const ORG_NAMES = new PhraseTable<string>(organisations.organisations.flatMap((o) => o.names.map((n): [string, string] => [n, o.id])));

const placePairs: [string, string][] = [];
const adjectivePairs: [string, string][] = [];
for (const c of places.countries) {
  for (const n of [...c.names, ...c.capitals]) placePairs.push([n, c.code]);
  for (const a of c.adjectives) adjectivePairs.push([a, c.code]);
}
/** Country names and capitals (a capital stands for its government). */
export const PLACES = new PhraseTable<string>(placePairs);
/** Regions below a country ("South Carolina"), and words that open place names ("Fort"). */
export const REGIONS = new PhraseTable<true>(places.regions.map((r): [string, true] => [r, true]));
export const PLACE_WORDS = lowerSet(places.placeWords);
/** Nationality adjectives used in titles ("Israeli", "US"). */
export const NATIONALITIES = new PhraseTable<string>(adjectivePairs);

// Attribution ---------------------------------------------------------------

export const ATTRIBUTION_VERBS = new PhraseTable<true>(attribution.verbs.map((v): [string, true] => [v, true]));
export const ATTRIBUTION_PHRASES = new PhraseTable<true>(attribution.phrases.map((v): [string, true] => [v, true]));
export const SPEAKER_PRONOUNS = new PhraseTable<true>(attribution.pronouns.map((v): [string, true] => [v, true]));
export type Gender = 'm' | 'f';
export const PRONOUN_GENDER = new Map<string, Gender>(Object.entries(attribution.pronounGenders) as [string, Gender][]);
export const GENDER_WORDS = new Map<string, Gender>(Object.entries(attribution.genderWords) as [string, Gender][]);
/** Nouns that stand for the person just named after 'the' ('the actress said', 'the 54-year-old said'). */
export const PERSON_NOUNS = lowerSet(attribution.personNouns);
/** Given names that say whose "she" or "he" a pronoun can be ("Ellen", "Jorge"); names given to both are absent. */
export const FIRST_NAME_GENDER = new Map<string, Gender>([
  ...firstNames.female.map((n): [string, Gender] => [n, 'f']),
  ...firstNames.male.map((n): [string, Gender] => [n, 'm']),
]);
/** Adverbs that may stand between a pronoun and its verb ("she eventually said"). */
export const SPEAKER_ADVERBS = lowerSet(attribution.adverbs);

// Sentence words ------------------------------------------------------------

export const MONTHS = lowerSet(sentenceWords.months);
export const WEEKDAYS = lowerSet(sentenceWords.weekdays);
export const IDENTIFIER_NOUNS = lowerSet(sentenceWords.identifiers);
export const YEAR_WORDS = lowerSet(sentenceWords.yearWords);
export const TIME_WORDS = lowerSet(sentenceWords.timeWords);
export const CURRENCY_SIGNS = new Map<string, string>(Object.entries(sentenceWords.currencySigns));
export const CURRENCY_WORDS = new Map<string, string>(Object.entries(sentenceWords.currencyWords));
export const STOPWORDS = lowerSet(sentenceWords.stopwords);

/** Lower-case words that can begin a figure: qualifiers, number words, vague amounts, 'between', currency prefixes. */
export const FIGURE_STARTERS = new WordSet([
  ...QUALIFIERS.firstWords(),
  ...VAGUE_AMOUNTS.firstWords(),
  ...NUMBER_UNITS.keys(),
  ...NUMBER_TENS.keys(),
  ...NUMBER_FRACTIONS.keys(),
  ...NUMBER_DENOMINATORS.keys(),
  ...NEGATIVES,
  ...MULTIPLES.keys(),
  ...MONEY_CODES.keys(),
  ...MONEY_MILLION_CODES.keys(),
  'between',
  'hundred',
  'us',
]);
