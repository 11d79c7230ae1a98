// Named officials: a person with a title, written in the usual news patterns
//   [title] Name            "State Department spokesperson Matthew Miller"
//   Name, [the] title,      "Lloyd Austin, the US defense secretary,"
// and later bare mentions ("Kirby said", "Gallant's visit") resolved to the
// full name, from the document first and then from the corpus.

import {
  ADVERB_ENDINGS,
  TITLE_ABBREVIATIONS,
  PLACE_WORDS,
  REGIONS,
  AFTER_NAME,
  AMBIGUOUS_TITLES,
  APPOSITION_ADVERBS,
  INSTITUTION_WORDS,
  ATTRIBUTION_VERBS,
  HONORIFIC_ROLES,
  HONORIFICS,
  SURNAME_WORDS,
  APPOSITION_JOINS,
  APPOSITION_VERBS,
  DETERMINERS,
  DOTTED_ACRONYMS,
  FIRST_NAME_GENDER,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NATIONALITIES,
  NOT_NAMES,
  ORG_NAMES,
  ORG_NAME_ENDS,
  PERSON_NOUNS,
  PLACES,
  PORTFOLIOS,
  ROLE_BODY_WORDS,
  ROLE_VERBS,
  ROLES,
  STOPWORDS,
  TITLE_MODIFIERS,
  TITLE_OPENERS,
} from './lexicon.js';
import { DocPeople, surnameOf, type DocPerson } from './people.js';
import { isUpperCase, tokenAt, type Token } from './text.js';
import { mentionSpan, type Block, type KnownPerson, type Official, type PeopleLookup, type PendingName, type Sentence, type Span } from './types.js';

/** A named person's mention, official or not, with the canonical name: what quotes take speakers from. */
export interface PersonMention extends Span {
  name: string;
  /** The whole mention, title included. */
  span: Span;
  official: boolean;
  /** The person's title, for "the spokesman said" after "spokesman John Kirby". */
  title?: string;
}

/** Words that join a described role to the body it serves: 'a researcher at King's College'. */
const DESCRIBED_BODY = new Set(['at', 'of', 'for', 'with', 'on', 'in', 'from']);
const DESCRIBED_TIME = new Set(['until', 'since', 'between', 'before', 'after', 'during', 'when', 'from']);
/** After these a capitalised run is a place unless a title says otherwise ("in South Carolina"). */
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'across', 'into', 'toward', 'towards']);
const LOCATION_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'across', 'from', 'into', 'toward', 'towards']);
const NAME_PREFIX_RE = /^(?:al|el|bin|ibn|abu|de|van|von|d|o|mc)[-'’]\p{Lu}/u;

/** "al-Sisi", "d'Estaing": a lower-case particle glued to a capitalised name (checked cheaply first). */
function prefixedName(t: Token): boolean {
  return (isJoiner(t.text.charCodeAt(1)) || isJoiner(t.text.charCodeAt(2)) || isJoiner(t.text.charCodeAt(3))) && NAME_PREFIX_RE.test(t.text);
}

function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019;
}

interface Candidate {
  /** Name tokens, inclusive. */
  from: number;
  to: number;
  title?: { from: number; to: number };
  form: Official['form'];
  sentence: number;
  /** "mr", "sir": the honorific written before the name. */
  honorific?: string;
  /** The title is the organisation owning the name ("Morningstar's Karin Anderson"). */
  possessive?: boolean;
  /** Counts only when the document or the corpus knows the person ("General Electric", "May"). */
  knownOnly?: boolean;
}

/** Every candidate has the same fields in the same order, so the passes over them stay fast. */
function candidate(
  from: number,
  to: number,
  sentence: number,
  honorific: string | undefined,
  title: { from: number; to: number } | undefined,
  form: Official['form'],
  flags: { knownOnly?: boolean; possessive?: boolean } = {},
): Candidate {
  return { from, to, title, form, sentence, honorific, possessive: flags.possessive ?? false, knownOnly: flags.knownOnly ?? false };
}

/** A word that can be part of a person's name. */
function nameToken(t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (prefixedName(t)) return true;
  if (!t.cap) return false;
  // Acronyms ("CIA", "U.S.") are organisations and countries, not names; two dotted capitals are initials ("C.K. Walker").
  if (t.text.length > 1 && isUpperCase(t.text)) return /^\p{Lu}\.\p{Lu}\.$/u.test(t.text) && !DOTTED_ACRONYMS.has(t.lower);
  // "R-Texas", "D-Calif.": a lawmaker's party and state.
  if (partyDesignation(t)) return false;
  return !NOT_NAMES.has(t.lower);
}

function isTitleCase(text: string, block: Block): boolean {
  const words = text.slice(block.start, block.end).match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.7;
}

/** Runs of capitalised tokens, the raw material for names and titles. */
function capitalRuns(tokens: Token[], first: number, limit: number): [number, number][] {
  const runs: [number, number][] = [];
  let i = first;
  while (i < limit) {
    const t = tokens[i];
    const startsRun = t.kind === 'word' && (t.cap || prefixedName(t));
    if (!startsRun) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      const next = tokens[j + 1];
      if (!next || j + 1 >= limit) break;
      // An abbreviation's full stop ("Gen.", "J.") stays inside the run.
      if (next.text === '.' && !next.gap && (tokens[j].text.length === 1 || TITLE_ABBREVIATIONS.has(tokens[j].lower)) && tokens[j + 2]?.cap) {
        j += 2;
        continue;
      }
      // "Jamie Dimon Says Banks …": a capitalised attribution verb ends a headline's name.
      if (next.kind === 'word' && (next.cap || prefixedName(next)) && !ATTRIBUTION_VERBS.has(next.lower)) {
        j++;
        continue;
      }
      // Particles inside a name, one or two: "Osama bin Laden", "Ursula von der Leyen", "Gustavo de la Cruz".
      if (next.kind === 'word' && NAME_PARTICLES.has(next.lower)) {
        const two = tokens[j + 2]?.kind === 'word' && NAME_PARTICLES.has(tokens[j + 2].lower) && j + 3 < limit ? 1 : 0;
        const after = tokens[j + 2 + two];
        if (after?.cap && after.kind === 'word' && j + 2 + two < limit) {
          j += 2 + two;
          continue;
        }
      }
      break;
    }
    runs.push([i, j]);
    i = j + 1;
  }
  return runs;
}

/** The words a title is made of, in the order they are tried: roles, organisations, countries, portfolios, modifiers. */
const TITLE_TABLES = [ROLES, ORG_NAMES, NATIONALITIES, PLACES, PORTFOLIOS, TITLE_MODIFIERS] as const;

/** A title word (or phrase) starting at token `j` ('at', up to `bound`) or ending there ('endingAt', down to `bound`). */
function titleWord(tokens: Token[], j: number, bound: number, direction: 'at' | 'endingAt') {
  for (const table of TITLE_TABLES) {
    const m = direction === 'at' ? table.at(tokens, j, bound) : table.endingAt(tokens, j, bound);
    if (m) return m;
  }
  return undefined;
}

/** The title written before token `p` (inclusive end), if token `p` ends a role. */
export function titleEndingAt(tokens: Token[], p: number, first: number, phrase = false): { from: number; to: number } | undefined {
  const role = ROLES.endingAt(tokens, p, first);
  if (!role) return undefined;
  let from = role.from;
  let j = from - 1;
  while (j >= first) {
    const t = tokens[j];
    if (t.kind === 'poss') {
      // "Israel's military commander", "the company's chief executive": the possessor owns the title.
      const owner = PLACES.endingAt(tokens, j - 1, first) ?? ORG_NAMES.endingAt(tokens, j - 1, first);
      if (owner) {
        from = owner.from;
        j = owner.from - 1;
        continue;
      }
      const word = tokens[j - 1];
      if (!word || word.kind !== 'word' || j - 1 < first) break;
      from = j - 1;
      j -= 2;
      continue;
    }
    if (t.text === '-' && !t.gap) {
      j--;
      continue;
    }
    if (t.kind !== 'word') break;
    const m = titleWord(tokens, j, first, 'endingAt');
    if (m) {
      from = m.from;
      j = m.from - 1;
      continue;
    }
    // "Minister of Defense", "chief executive of Acme": 'of' joins a role to its organisation.
    if (t.lower === 'of' && j + 1 <= p && tokens[j + 1].cap) {
      j--;
      continue;
    }
    // "Chairman of the Joint Chiefs": 'the' after that 'of'.
    if (t.lower === 'the' && tokens[j - 1]?.lower === 'of' && j - 1 >= first && tokens[j + 1]?.cap && j + 1 <= p) {
      j -= 2;
      continue;
    }
    // Organisations the lists do not know ("Public Works Director", "Springfield Mayor").
    if (t.cap && !NOT_NAMES.has(t.lower) && !STOPWORDS.has(t.lower) && !DETERMINERS.has(t.lower)) {
      from = j;
      j--;
      continue;
    }
    // "former high school principal", "Both college football analysts on ESPN, Lou Holtz and …": up to three
    // plain words that a title word or the sentence's start closes on the left (or, for a title set off by a
    // comma before its names, a word that opens a noun phrase).
    const plain = plainWordsEndingAt(tokens, j, first, phrase);
    if (plain !== undefined) {
      from = plain;
      j = plain - 1;
      continue;
    }
    break;
  }
  // A title never starts with 'of'.
  while (from < role.from && tokens[from].lower === 'of') from++;
  return { from, to: p };
}

/**
 * Where up to three plain lowercase words ending at `j` start, when a title
 * word or the sentence's start is before them, or (`phrase`) a word that
 * opens a noun phrase. Without a parser a determiner before them may open a
 * clause instead ("The team hired assistant coach …"), so only a title set
 * off by a comma before its names takes one; words in -ed and -ing are
 * taken for verbs.
 */
function plainWordsEndingAt(tokens: Token[], j: number, first: number, phrase: boolean): number | undefined {
  const plainWord = (i: number) => {
    const t = tokens[i];
    return (
      t.kind === 'word' &&
      !t.cap &&
      /^\p{Ll}+$/u.test(t.text) &&
      !/(?:ed|ing)$/.test(t.lower) &&
      !functionOrAdverb(t.lower) &&
      !DETERMINERS.has(t.lower) &&
      !TITLE_OPENERS.has(t.lower) &&
      !ATTRIBUTION_VERBS.at(tokens, i)
    );
  };
  let k = j;
  while (k >= first && k > j - 3 && plainWord(k)) k--;
  if (k === j) return undefined;
  const before = tokens[k];
  const closed = k < first || titleWord(tokens, k, first, 'endingAt') !== undefined || (phrase && (DETERMINERS.has(before.lower) || TITLE_OPENERS.has(before.lower)));
  return closed ? k + 1 : undefined;
}

/**
 * A capitalised role, "of" (and "the"), then a run that holds the body the
 * role serves and then a name: "Director of National Intelligence Avril
 * Haines". The body is what title words, organisations and places make up
 * at the run's start; with none known, all but the run's last two words.
 */
function bodyThenName(tokens: Token[], runFrom: number, runTo: number, first: number): { title: { from: number; to: number }; nameFrom: number } | undefined {
  let of = runFrom - 1;
  if (tokens[of]?.lower === 'the') of--;
  if (of - 1 < first || tokens[of]?.lower !== 'of' || !tokens[of - 1].cap) return undefined;
  const role = titleEndingAt(tokens, of - 1, first);
  if (!role) return undefined;
  let j = runFrom;
  while (j <= runTo) {
    const m = titleWord(tokens, j, runTo + 1, 'at');
    if (m) j = m.to + 1;
    else if (ORG_NAME_ENDS.has(tokens[j].lower)) j++;
    else break;
  }
  if (j === runFrom && runTo - runFrom >= 2) j = runTo - 1;
  // The name: two words at least, all of them name words.
  if (j === runFrom || nameWordCount(tokens, j, runTo) < 2) return undefined;
  for (let k = j; k <= runTo; k++) if (tokens[k].text !== '.' && !nameToken(tokens[k]) && !NAME_PARTICLES.has(tokens[k].lower)) return undefined;
  return { title: { from: role.from, to: j - 1 }, nameFrom: j };
}

/** After a name set off by commas: a comma, the end of the sentence, or an attribution verb. */
function closesApposition(tokens: Token[], nameEnd: number, limit: number): boolean {
  const next = tokens[nameEnd + 1];
  return !next || nameEnd + 1 >= limit || next.text === ',' || next.text === '.' || APPOSITION_VERBS.has(next.lower);
}

/**
 * The title before a comma that precedes a name: "the defense minister, Yoav
 * Gallant" or "a spokesman for Qatar's foreign ministry, Majed al-Ansari".
 */
function titleBeforeComma(tokens: Token[], comma: number, first: number): { from: number; to: number } | undefined {
  const direct = titleEndingAt(tokens, comma - 1, first, true);
  if (direct) return direct;
  // "spokesman for Qatar's foreign ministry": a role, then for/of/at and the body it serves.
  for (let j = comma - 1; j >= Math.max(first, comma - 8); j--) {
    if (!/^(?:for|of|at|with|on)$/.test(tokens[j].lower)) continue;
    const role = titleEndingAt(tokens, j - 1, first, true);
    if (!role) return undefined;
    const body = tokens.slice(j + 1, comma);
    const plainBody = body.every((t) => t.kind === 'poss' || t.cap || DETERMINERS.has(t.lower) || PORTFOLIOS.has(t.lower) || ROLE_BODY_WORDS.has(t.lower));
    // "head of the search and rescue agency": ordinary words may describe a body that ends in one.
    const last = body[body.length - 1];
    const describedBody = last && (ROLE_BODY_WORDS.has(last.lower) || INSTITUTION_WORDS.has(last.lower)) && body.every((t) => t.kind === 'word' || t.kind === 'poss');
    const bodyOk = plainBody || describedBody;
    return bodyOk ? { from: role.from, to: comma - 1 } : undefined;
  }
  return undefined;
}

/** The token after "Name," and an age set off by commas ("John Smith, 45, a spokesman …"). */
function afterNameComma(tokens: Token[], nameEnd: number): number {
  const k = nameEnd + 2;
  return tokens[k]?.kind === 'num' && tokens[k + 1]?.text === ',' && /^\d{1,3}$/.test(tokens[k].text) ? k + 2 : k;
}

/**
 * The owner before "'s" that opens a title: "Acme's", "Bank of Avalon's",
 * "the company's". Returns the token after the possessive, or `k` when there is none.
 */
function ownerBefore(tokens: Token[], k: number, limit: number): number {
  if (tokens[k]?.kind === 'word' && tokens[k + 1]?.kind === 'poss' && !ROLES.at(tokens, k, limit)) return k + 2;
  if (!tokens[k]?.cap) return k;
  for (let j = k + 1; j < limit && j < k + 6; j++) {
    const t = tokens[j];
    if (t.kind === 'poss') return tokens[j - 1].cap ? j + 1 : k;
    if (t.kind !== 'word' || !(t.cap || t.lower === 'of' || t.lower === 'and' || t.lower === 'the')) return k;
  }
  return k;
}

/** A title after a name: "Lloyd Austin, the US defense secretary," → tokens of "US defense secretary". */
function appositiveTitle(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  if (tokens[nameEnd + 1]?.text !== ',') return undefined;
  let k = afterNameComma(tokens, nameEnd);
  if (tokens[k] && DETERMINERS.has(tokens[k].lower)) k++;
  else if (tokens[k] && (STOPWORDS.has(tokens[k].lower) || STOPWORDS.has(tokens[k].lower.split(/['’]/)[0]))) return undefined;
  // "the company's chief executive", "Bank of Avalon's chief executive": the owner is part of the title.
  const owner = k;
  k = ownerBefore(tokens, k, limit);
  const start = k > owner && tokens[owner].cap ? owner : k;
  // Walk right while words can belong to a title, remembering the last role.
  let lastRole = -1;
  let j = k;
  while (j < limit && j - start < 8) {
    const t = tokens[j];
    if (t.kind === 'poss') {
      j++;
      continue;
    }
    if (t.kind !== 'word') break;
    const m = titleWord(tokens, j, limit, 'at');
    if (m) {
      if (ROLES.at(tokens, j, limit)?.to === m.to) lastRole = m.to;
      j = m.to + 1;
      continue;
    }
    // "president and chief executive": two roles joined.
    if ((t.lower === 'and' || t.text === '&') && lastRole === j - 1 && ROLES.at(tokens, j + 1, limit)) {
      j++;
      continue;
    }
    if (t.lower === 'of' && lastRole >= 0 && tokens[j + 1]?.cap) {
      // "chief executive of Acme Corp"
      let e = j + 1;
      while (e + 1 < limit && tokens[e + 1].kind === 'word' && tokens[e + 1].cap) e++;
      lastRole = e;
      j = e + 1;
      break;
    }
    if (t.cap && !NOT_NAMES.has(t.lower)) {
      j++;
      continue;
    }
    break;
  }
  if (lastRole < 0) return undefined;
  // The apposition must close: a comma, the end of the sentence, or a verb follows —
  // possibly after a short prepositional phrase: a time ("chief executive since 2019,") is
  // no part of the title, the body the role serves ("professor of law at Yale,") is.
  const after = tokens[lastRole + 1];
  if (after && after.kind === 'word' && lastRole + 1 < limit && !APPOSITION_VERBS.has(after.lower) && !APPOSITION_JOINS.has(after.lower)) {
    const time = DESCRIBED_TIME.has(after.lower) && after.lower !== 'from';
    if (!time && !DESCRIBED_BODY.has(after.lower)) return undefined;
    let e = lastRole + 2;
    while (e < limit && e < lastRole + 10 && tokens[e].text !== ',' && tokens[e].text !== '.') e++;
    const closed = e >= limit || tokens[e].text === ',' || (tokens[e].text === '.' && e + 1 >= limit);
    if (!closed) return undefined;
    if (!time) return { from: start, to: e - 1 };
  }
  return { from: start, to: lastRole };
}

function nameText(text: string, tokens: Token[], from: number, to: number): string {
  const raw = text.slice(tokens[from].start, tokens[to].end);
  // Most names are one word or single-spaced: only the rest need the regular expressions.
  return from === to && !raw.endsWith('s') ? raw : raw.replace(/\s+/g, ' ').replace(/['’]s$/, '');
}

/** Name words of a candidate, without particles, suffixes and initials' full stops. */
function nameWordCount(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k <= to; k++) {
    const t = tokens[k];
    if (t.kind === 'word' && !NAME_PARTICLES.has(t.lower) && !NAME_SUFFIXES.has(t.lower)) n++;
  }
  return n;
}

/** "Mr." or "Dr" just before token `i`. */
function honorificBefore(tokens: Token[], i: number, first: number): string | undefined {
  let k = i - 1;
  if (tokens[k]?.text === '.' && k - 1 >= first) k--;
  const t = tokens[k];
  return t && k >= first && t.cap && HONORIFICS.has(t.lower) ? t.lower : undefined;
}

export interface OfficialsResult {
  officials: Official[];
  /** Names the document could not resolve; the corpus may know them later. */
  pending: PendingName[];
  /** Every mention of a named person, officials or not: the speakers quotes can have. */
  persons: PersonMention[];
}

export function findOfficials(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  blocks: Block[],
  people?: PeopleLookup,
): OfficialsResult {
  const candidates: Candidate[] = [];
  let shared: { title: { from: number; to: number }; next: number } | undefined;
  let lowerWords: Set<string> | undefined;
  /** Words the document also writes in lower case are ordinary words, not names ("Football", "Final"). */
  const ordinary = (k: number) => {
    if (!lowerWords) {
      lowerWords = new Set();
      for (const t of tokens) if (!t.cap && t.kind === 'word') lowerWords.add(t.lower);
    }
    return lowerWords.has(tokens[k].lower);
  };
  for (const s of sentences) {
    const first = tokenAt(tokens, s.start);
    const limit = tokenAt(tokens, s.end);
    for (const [runFrom, runTo] of capitalRuns(tokens, first, limit)) {
      // Split the run at its last role: "US Defense Secretary | Lloyd Austin".
      let nameFrom = runFrom;
      let title: { from: number; to: number } | undefined;
      for (let r = runTo - 1; r >= runFrom - 1 && r >= first; r--) {
        if (r < runFrom && !(tokens[r].kind === 'word' && !tokens[r].cap)) break;
        if (ROLES.endingAt(tokens, r, first)) {
          title = titleEndingAt(tokens, r, first);
          nameFrom = r + 1;
          break;
        }
      }
      // A lower-case title before the run: "spokesperson Matthew Miller".
      if (!title && runFrom - 1 >= first) title = titleEndingAt(tokens, runFrom - 1, first);
      // "Secretary of Defense Lloyd Austin", "Speaker of the House Mike Johnson": the run holds the body, then the name.
      if (!title) {
        const split = bodyThenName(tokens, runFrom, runTo, first);
        if (split) {
          title = split.title;
          nameFrom = split.nameFrom;
        }
      }
      // A title set off by commas: "Israel's defense minister, Yoav Gallant, said", or shared by two names ("analysts, Lou Holtz and Mark May").
      const pair = tokens[runTo + 1]?.lower === 'and' && tokens[runTo + 2]?.cap === true;
      if (!title && tokens[runFrom - 1]?.text === ',' && (closesApposition(tokens, runTo, limit) || pair)) {
        title = titleBeforeComma(tokens, runFrom - 1, first);
        if (title && pair) shared = { title, next: runTo + 2 };
      } else if (!title && shared?.next === runFrom) title = shared.title;
      // "Sir Keith", "Father James Martin": an honorific opens the run but is no part of the name.
      let honorific: string | undefined;
      while (nameFrom < runTo && tokens[nameFrom].cap && HONORIFICS.has(tokens[nameFrom].lower)) {
        honorific = tokens[nameFrom].lower;
        nameFrom++;
        if (tokens[nameFrom]?.text === '.' && nameFrom < runTo) nameFrom++;
      }
      let nameTo = runTo;
      // "Benedict XVI", "John Smith Jr.": a suffix after a name stays with it.
      while (nameTo >= nameFrom && !nameToken(tokens[nameTo]) && !surnameWord(tokens, nameTo, nameFrom) && !(NAME_SUFFIXES.has(tokens[nameTo].lower) && nameTo > nameFrom && nameToken(tokens[nameTo - 1]))) nameTo--;
      while (nameFrom <= nameTo && !nameToken(tokens[nameFrom])) nameFrom++;
      // "Apparently Lindsey", "Both Holtz": a sentence's first word the document also writes in lower case is not a name.
      if (nameFrom === first && nameFrom < nameTo && !title && functionOrAdverb(tokens[nameFrom].lower)) nameFrom++;
      // "Actress Julia Stone", "Singer Tom Jones": a profession capitalised before a name is no part of it.
      while (nameFrom < nameTo && !title && PERSON_NOUNS.has(tokens[nameFrom].lower)) nameFrom++;
      // "Veteran Wall Streeter Charlotte Beyer": in a long run, the name starts at a given name.
      if (!title && nameTo - nameFrom >= 2 && !FIRST_NAME_GENDER.has(tokens[nameFrom].lower) && !NAME_PARTICLES.has(tokens[nameFrom].lower)) {
        for (let k = nameFrom + 1; k < nameTo; k++) {
          if (FIRST_NAME_GENDER.has(tokens[k].lower) && nameToken(tokens[k])) {
            nameFrom = k;
            break;
          }
        }
      }
      if (nameFrom > nameTo) {
        // "May said": a word kept out of names may still be the surname of someone the article named.
        if (runFrom === runTo && SURNAME_WORDS.has(tokens[runFrom].lower) && tokens[runTo + 1]?.kind !== 'num' && !LOCATION_PREPOSITIONS.has(tokens[runFrom - 1]?.lower ?? '')) {
          candidates.push(candidate(runFrom, runTo, s.index, undefined, undefined, 'bare', { knownOnly: true }));
        }
        continue;
      }
      honorific ??= honorificBefore(tokens, nameFrom, first);
      // Only a run made of name words is a name.
      let ok = true;
      for (let k = nameFrom; k <= nameTo; k++) {
        const t = tokens[k];
        if (t.text === '.' || NAME_PARTICLES.has(t.lower) || NAME_SUFFIXES.has(t.lower) || surnameWord(tokens, k, nameFrom)) continue;
        if (!nameToken(t) || ORG_NAMES.at(tokens, k)) ok = false;
      }
      // "General Motors", "Public Works Department": the last word names an organisation.
      if (ORG_NAME_ENDS.has(tokens[nameTo].lower)) ok = false;
      if (!ok) continue;
      if (nameFrom === nameTo && PLACES.at(tokens, nameFrom)?.to === nameFrom) continue;
      // "Chief Whip": a title word is not a name.
      if (nameFrom === nameTo && (ROLES.at(tokens, nameFrom)?.to === nameFrom || TITLE_MODIFIERS.at(tokens, nameFrom)?.to === nameFrom)) continue;
      const following = tokens[nameTo + 1];
      const attribute = following && following.kind === 'word' && AFTER_NAME.has(following.lower);
      if (attribute) continue;
      // 'Don "Moose" Jamison': a first name before a nickname belongs to a name the quote marks cut apart.
      if (nameFrom === nameTo && /^["“‘]$/.test(tokens[nameTo + 1]?.text ?? '') && tokens[nameTo + 2]?.cap && /^["”’]$/.test(tokens[nameTo + 3]?.text ?? '') && tokens[nameTo + 4]?.cap) continue;
      // "in South Carolina, it's …": after a location preposition a name with no title of its own is a place.
      const placeBefore = PLACE_PREPOSITIONS.has(tokens[nameFrom - 1]?.lower ?? '');
      if (title) {
        // "General Electric", "Executive Mansion": after a title word that is also an ordinary word, one word is a person only if someone knows them.
        const ambiguous = nameFrom === nameTo && tokens[title.to].cap && AMBIGUOUS_TITLES.has(tokens[title.to].lower);
        candidates.push(candidate(nameFrom, nameTo, s.index, honorific, title, 'titled', { knownOnly: ambiguous }));
        continue;
      }
      const appos = placeBefore
        ? undefined
        : appositiveTitle(tokens, nameTo, limit) ??
        describedTitle(tokens, nameTo, limit) ??
        relativeRole(tokens, nameTo, limit) ??
        partyAndState(tokens, nameTo) ??
        (nameTo > nameFrom ? asTitle(tokens, nameTo, limit) ?? institutionAfter(tokens, nameTo, limit) ?? titleOnNextLine(tokens, nameFrom, nameTo, first, limit, sentences[s.index + 1]) : undefined);
      if (appos) {
        candidates.push(candidate(nameFrom, nameTo, s.index, honorific, appos, 'appositive'));
        continue;
      }
      // "Morningstar's Karin Anderson": a full name owned by an organisation works for it.
      if (nameTo > nameFrom && tokens[nameFrom - 1]?.kind === 'poss' && !honorific) {
        const owner = possessorBefore(tokens, nameFrom - 1, first);
        let plain = true;
        for (let k = nameFrom; k <= nameTo; k++) if (ordinary(k) || PLACES.at(tokens, k) || ORG_NAME_ENDS.has(tokens[k].lower)) plain = false;
        if (owner && plain) {
          candidates.push(candidate(nameFrom, nameTo, s.index, honorific, owner, 'titled', { possessive: true }));
          continue;
        }
      }
      // A single word after a location preposition is a place ("in Austin").
      // "in Doherty's district" is the person, if the document names one.
      if (nameFrom === nameTo && LOCATION_PREPOSITIONS.has(tokens[nameFrom - 1]?.lower ?? '')) {
        if (tokens[nameTo + 1]?.kind === 'poss') candidates.push(candidate(nameFrom, nameTo, s.index, honorific, undefined, 'bare', { knownOnly: true }));
        continue;
      }
      candidates.push(candidate(nameFrom, nameTo, s.index, honorific, undefined, 'bare'));
    }
  }

  // "Goddard Institute for Space Studies climatologist Gavin Schmidt": a run inside another name's title is no one.
  const inTitle = new Uint8Array(tokens.length);
  for (const c of candidates) if (c.title) inTitle.fill(1, c.title.from, c.title.to + 1);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i];
    if (!c.title && inTitle[c.from] && inTitle[c.to]) candidates.splice(i, 1);
  }

  // In a Title Case headline any word is capitalised; names there only count when known from elsewhere.
  const titleCaseBlock = new Map<number, boolean>();
  const inTitleCase = (c: Candidate) => {
    const s = sentences[c.sentence];
    if (s.kind === 'paragraph') return false;
    if (!titleCaseBlock.has(s.block)) titleCaseBlock.set(s.block, isTitleCase(text, blocks[s.block]));
    return titleCaseBlock.get(s.block)!;
  };

  // Pass 1: the people the document names in full.
  const doc = new DocPeople();
  const written = candidates.map((c) => nameText(text, tokens, c.from, c.to));
  const full = candidates.map((c) => nameWordCount(tokens, c.from, c.to) >= 2);
  candidates.forEach((c, i) => {
    if (full[i] && !inTitleCase(c) && (c.title || !placeLike(tokens, c))) doc.addFull(written[i], tokens[c.from].start);
  });
  doc.settle();
  // "Pope Francis", "President Obama": a titled surname the document never completes is still a person later mentions name.
  candidates.forEach((c, i) => {
    if (!full[i] && c.title && !c.knownOnly && !inTitleCase(c) && !doc.resolve(written[i], c.honorific, tokens[c.from].start)) doc.addSingle(written[i], tokens[c.from].start);
  });
  const personOf = (i: number): DocPerson | undefined => {
    const c = candidates[i];
    return full[i] ? doc.get(written[i]) : doc.resolve(written[i], c.honorific, tokens[c.from].start);
  };
  const persons = candidates.map((_, i) => personOf(i));
  // A possessor who is a person in the article ("Obama's Michelle Obama") gives no title.
  for (const c of candidates) {
    if (!c.possessive) continue;
    const owner = nameText(text, tokens, c.title!.from, c.title!.to);
    if (doc.get(owner) || doc.resolve(owner, undefined, tokens[c.from].start)) {
      c.title = undefined;
      c.form = 'bare';
    }
  }
  // The title each mention carries: its own, or the role its honorific implies ("Father").
  const titleOf = (c: Candidate): { text: string; span: Span } | undefined => {
    if (c.title) return { text: text.slice(tokens[c.title.from].start, tokens[c.title.to].end), span: span(tokens, c.title) };
    const role = c.honorific && HONORIFIC_ROLES.get(c.honorific);
    if (!role) return undefined;
    let h = c.from - 1;
    while (h >= 0 && h >= c.from - 2 && tokens[h].lower !== c.honorific) h--;
    return h >= 0 && tokens[h].lower === c.honorific ? { text: tokens[h].text, span: span(tokens, { from: h, to: h }) } : undefined;
  };
  const titles = candidates.map(titleOf);

  // Pass 2: the titles each person holds, from whichever mention carries one.
  candidates.forEach((c, i) => {
    const p = persons[i];
    const t = titles[i];
    if (p && t && !inTitleCase(c) && !p.titles.includes(t.text)) p.titles.push(t.text);
  });

  // A person the document names without a title may be one the corpus knows with a title.
  const corpusTitled = new Map<DocPerson, KnownPerson>();
  for (const p of doc.all()) {
    if (p.titles.length) continue;
    const known = people?.resolve(p.name);
    if (known && known.name === p.name) corpusTitled.set(p, known);
  }

  // Pass 3: every mention with its canonical name; a person with a title anywhere is an official everywhere.
  const out: Official[] = [];
  const pending: PendingName[] = [];
  const mentions: PersonMention[] = [];
  candidates.forEach((c, i) => {
    const name = written[i];
    const person = persons[i];
    const own = titles[i];
    const single = !full[i];
    const start = tokens[c.from].start;
    const end = tokens[c.to].end;
    const corpus = person && !person.single ? undefined : people?.resolve(name);
    const corpusFits = corpus && (single || corpus.name === name);
    if (inTitleCase(c) && !(person && person.fullAt.some((at) => tokenAt(sentences, at + 1) - 1 !== c.sentence)) && !corpusFits) return;
    if (c.knownOnly && !person && !corpusFits) {
      // "General Electric" is kept out; the corpus may still know a person by this name.
      if (!inTitleCase(c) && c.form !== 'bare' && couldBePerson(tokens, c)) pending.push({ start, end, text: name, sentence: c.sentence, titled: false });
      return;
    }
    const mentionTitle = own ?? (person?.titles.length ? { text: person.titles[0], span: undefined } : undefined);
    if (own || person?.titles.length) {
      const resolvedFrom: Official['resolvedFrom'] = !single ? 'mention' : person && !person.single ? 'document' : corpusFits ? 'corpus' : 'unresolved';
      const official: Official = {
        start,
        end,
        text: name,
        name: corpusFits ? corpus!.name : person?.name ?? name,
        title: mentionTitle!.text,
        titleSpan: own?.span,
        form: own ? c.form : 'bare',
        resolvedFrom,
        sentence: c.sentence,
      };
      if (!own) delete official.titleSpan;
      out.push(official);
      if (single && resolvedFrom === 'unresolved') pending.push({ start, end, text: name, sentence: c.sentence, titled: true });
      mentions.push({ start, end, name: official.name, span: mentionSpan(official), official: true, title: official.title });
      return;
    }
    const known = person && corpusTitled.get(person);
    if (known) {
      out.push({ start, end, text: name, name: known.name, title: known.titles[0], form: 'bare', resolvedFrom: 'corpus', sentence: c.sentence });
      mentions.push({ start, end, name: known.name, span: { start, end }, official: true, title: known.titles[0] });
      return;
    }
    if (person) {
      mentions.push({ start, end, name: person.name, span: { start, end }, official: false });
      // The corpus may know the person with a title.
      if (!single && couldBePerson(tokens, c)) pending.push({ start, end, text: name, sentence: c.sentence, titled: false });
      return;
    }
    if (corpusFits) {
      out.push({ start, end, text: name, name: corpus!.name, title: corpus!.titles[0], form: 'bare', resolvedFrom: 'corpus', sentence: c.sentence });
      mentions.push({ start, end, name: corpus!.name, span: { start, end }, official: true, title: corpus!.titles[0] });
      return;
    }
    // Kept for the corpus to resolve later, if it could be a person's name at all.
    if (!c.knownOnly && couldBePerson(tokens, c)) pending.push({ start, end, text: name, sentence: c.sentence, titled: false });
  });
  return { officials: out, pending, persons: mentions };
}

/** A run with no title that names a place: "South Carolina", "Fort Worth", "Statistics Canada". */
function placeLike(tokens: Token[], c: Candidate): boolean {
  if (PLACE_WORDS.has(tokens[c.from].lower)) return true;
  // The place ends the run ("Statistics Canada"); a first name that is also a city ("London Rene") does not make a place.
  return Boolean(REGIONS.endingAt(tokens, c.to, c.from) || PLACES.endingAt(tokens, c.to, c.from) || NATIONALITIES.endingAt(tokens, c.to, c.from));
}

/** A function word ("Both") or an adverb ("Apparently"): no first name at a sentence's start, no part of a title. */
function functionOrAdverb(lower: string): boolean {
  return STOPWORDS.has(lower) || ADVERB_ENDINGS.some((e) => lower.endsWith(e));
}

/** A word kept out of names ("May") that ends a name after a first name ("Mark May"). */
function surnameWord(tokens: Token[], k: number, nameFrom: number): boolean {
  const t = tokens[k];
  return k > nameFrom && t.cap && t.kind === 'word' && SURNAME_WORDS.has(t.lower) && nameToken(tokens[k - 1]) && tokens[k + 1]?.kind !== 'num';
}

/**
 * "Wray Grimaldi of the University of Otago": a full name followed by of/from
 * and a capitalised body that names an institution, closed by a comma, the
 * end of the sentence or a verb of saying. The body is the title.
 */
function institutionAfter(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  const prep = tokens[nameEnd + 1];
  if (!prep || (prep.lower !== 'of' && prep.lower !== 'from' && prep.lower !== 'at')) return undefined;
  let k = nameEnd + 2;
  if (tokens[k] && tokens[k].lower === 'the') k++;
  const from = k;
  let institution = false;
  while (k < limit && k < from + 10 && tokens[k].kind === 'word' && (tokens[k].cap || tokens[k].lower === 'of' || tokens[k].lower === 'for' || tokens[k].lower === 'the')) {
    if (INSTITUTION_WORDS.has(tokens[k].lower) && tokens[k].cap) institution = true;
    k++;
  }
  while (k - 1 > from && !tokens[k - 1].cap) k--;
  if (!institution || k === from) return undefined;
  const to = k - 1;
  // "of the University of Otago in Dunedin, New Zealand, said": a place after the body is no part of it.
  if (tokens[k]?.lower === 'in' && tokens[k + 1]?.cap) {
    k++;
    while (k < limit && (tokens[k].cap || tokens[k].text === ',') && !(tokens[k].text === ',' && !tokens[k + 1]?.cap)) k++;
  }
  const close = tokens[k];
  if (close && k < limit && close.text !== ',' && close.text !== '.' && !ATTRIBUTION_VERBS.has(close.lower)) return undefined;
  return { from, to };
}

/**
 * A role given with "as" after the name, possibly past an aside in commas:
 * "named Lena Ortiz as chief executive", "with Kenneth Barlow, now Lord
 * Barlow, as education secretary".
 */
function asTitle(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  let k = nameEnd + 1;
  if (tokens[k]?.text === ',') {
    let e = k + 1;
    while (e < limit && e < k + 9 && tokens[e].text !== ',') e++;
    if (tokens[e]?.text !== ',') return undefined;
    k = e + 1;
  }
  if (tokens[k]?.lower !== 'as' || k >= limit) return undefined;
  k++;
  if (tokens[k] && DETERMINERS.has(tokens[k].lower)) k++;
  const start = k;
  for (let j = k; j < limit && j < start + 4; j++) {
    const role = ROLES.at(tokens, j, limit);
    if (role) return { from: start, to: role.to };
    if (tokens[j].kind !== 'word' || !(TITLE_MODIFIERS.at(tokens, j) || PORTFOLIOS.at(tokens, j) || tokens[j].cap)) return undefined;
  }
  return undefined;
}

/**
 * A name alone on its line with the title on the next, as pieces that
 * introduce several contributors set them: "Eric Lascelles" then "Chief
 * economist, RBC Global Asset Management".
 */
function titleOnNextLine(tokens: Token[], nameFrom: number, nameTo: number, first: number, limit: number, next: Sentence | undefined): { from: number; to: number } | undefined {
  if (nameFrom !== first || nameTo !== limit - 1 || !next) return undefined;
  const k = tokenAt(tokens, next.start);
  const end = tokenAt(tokens, next.end);
  // "Chief global economist,": modifiers, then a role the comma, the body it serves or the line's end closes.
  for (let j = k; j < end && j < k + 4 && tokens[j].kind === 'word'; j++) {
    const role = ROLES.at(tokens, j, end);
    if (role) {
      const after = tokens[role.to + 1];
      if (!after || role.to + 1 >= end || after.text === ',' || DESCRIBED_BODY.has(after.lower)) return { from: k, to: role.to };
    }
    if (!role && !TITLE_MODIFIERS.at(tokens, j) && tokens[j].cap !== (j === k)) return undefined;
  }
  return undefined;
}

/**
 * The organisation before "'s" that owns a name: "Morningstar's Karin
 * Anderson", "MMQB's Peter King". Countries and words that start sentences
 * are not taken for owners.
 */
function possessorBefore(tokens: Token[], poss: number, first: number): { from: number; to: number } | undefined {
  let from = poss - 1;
  if (from < first || tokens[from].kind !== 'word' || !tokens[from].cap) return undefined;
  while (from - 1 >= first && tokens[from - 1].kind === 'word' && tokens[from - 1].cap) from--;
  for (let k = from; k < poss; k++) if (NOT_NAMES.has(tokens[k].lower) || STOPWORDS.has(tokens[k].lower)) return undefined;
  return { from, to: poss - 1 };
}

/**
 * A descriptive title after a name: "Mitul Mehta, a psychopharmacology
 * researcher at King's College London," or "Eric Durr, director of public
 * affairs at the state agency". Up to four words may describe the role; the
 * role may be followed by the body it serves, up to the closing comma.
 */
function describedTitle(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  if (tokens[nameEnd + 1]?.text !== ',') return undefined;
  let k = afterNameComma(tokens, nameEnd);
  // "then her private secretary", "who is now the festival's director".
  let determiner = false;
  while (tokens[k] && k < limit && k < nameEnd + 7 && (APPOSITION_ADVERBS.has(tokens[k].lower) || DETERMINERS.has(tokens[k].lower))) {
    if (DETERMINERS.has(tokens[k].lower)) determiner = true;
    k++;
  }
  const start = k;
  let role: { from: number; to: number } | undefined;
  for (let j = k; j < limit && j - start < 6; j++) {
    const t = tokens[j];
    if (t.kind === 'poss' || ((t.text === '-' || t.text === '&' || t.text === '/') && j > start)) continue;
    if (t.kind !== 'word') break;
    const m = ROLES.at(tokens, j, limit);
    if (m) {
      role = m;
      // "director of public affairs", "chief executive and founder": the longest role phrase.
      let e = m.to;
      while ((tokens[e + 1]?.lower === 'and' || tokens[e + 1]?.text === '/') && ROLES.at(tokens, e + 2, limit)) e = ROLES.at(tokens, e + 2, limit)!.to;
      role = { from: m.from, to: e };
      break;
    }
    if (STOPWORDS.has(t.lower) || APPOSITION_VERBS.has(t.lower)) break;
    // Without an article, a plain lower-case word is more likely a verb ("who criticized President X").
    if (!determiner && !t.cap && !TITLE_MODIFIERS.at(tokens, j) && !PORTFOLIOS.at(tokens, j)) break;
  }
  if (!role) return undefined;
  let end = role.to;
  const after = tokens[end + 1];
  if (!after || end + 1 >= limit || after.text === ',' || after.text === '.' || after.text === ')') return { from: start, to: end };
  if (after.kind === 'word' && (APPOSITION_VERBS.has(after.lower) || APPOSITION_JOINS.has(after.lower))) return { from: start, to: end };
  // "who was education secretary until the summer": a time phrase after the role ends the title.
  if (DESCRIBED_TIME.has(after.lower)) return { from: start, to: end };
  if (!DESCRIBED_BODY.has(after.lower)) return undefined;
  // The body it serves runs to the closing comma or the end of the sentence.
  let e = end + 1;
  while (e + 1 < limit && e < end + 10 && tokens[e + 1].text !== ',' && tokens[e + 1].text !== '.' && tokens[e + 1].text !== ')') {
    if (APPOSITION_JOINS.has(tokens[e + 1].lower) || ATTRIBUTION_VERBS.has(tokens[e + 1].lower)) break;
    e++;
  }
  const close = tokens[e + 1];
  if (close && e + 1 < limit && close.text !== ',' && close.text !== '.' && close.text !== ')' && !APPOSITION_JOINS.has(close.lower) && !ATTRIBUTION_VERBS.has(close.lower)) return undefined;
  end = e;
  return { from: start, to: end };
}

/** "D-Springfield", "R-Ky.": a lawmaker's party and state. */
function partyDesignation(t: Token | undefined): boolean {
  return !!t && t.kind === 'word' && t.text.charCodeAt(1) === 45 && (t.text[0] === 'R' || t.text[0] === 'D' || t.text[0] === 'I') && t.text.length > 2 && t.text.charCodeAt(2) >= 65 && t.text.charCodeAt(2) <= 90;
}

/** "Jane Doe, D-Springfield," or "Tom Hale (R-Ohio)": the party and state are a legislator's title. */
function partyAndState(tokens: Token[], nameEnd: number): { from: number; to: number } | undefined {
  const open = tokens[nameEnd + 1];
  if (!open || (open.text !== ',' && open.text !== '(')) return undefined;
  const k = nameEnd + 2;
  if (!partyDesignation(tokens[k])) return undefined;
  let e = k;
  // "R-N.Y.": the state's abbreviation goes on past its full stops.
  while (tokens[e + 1]?.text === '.' && !tokens[e + 1].gap && tokens[e + 2]?.kind === 'word' && tokens[e + 2].text.length <= 2 && !tokens[e + 2].gap) e += 2;
  return { from: k, to: e };
}

/**
 * A role given by a relative clause after the name: "Dana Whitfield, who
 * heads the county health department," → "heads the county health
 * department". The clause closes with a comma or the sentence.
 */
function relativeRole(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  if (tokens[nameEnd + 1]?.text !== ',') return undefined;
  let k = afterNameComma(tokens, nameEnd);
  if (tokens[k]?.lower !== 'who') return undefined;
  k++;
  while (k < limit && (tokens[k].lower === 'now' || tokens[k].lower === 'also' || tokens[k].lower === 'currently' || tokens[k].lower === 'still')) k++;
  if (k >= limit || !ROLE_VERBS.has(tokens[k].lower)) return undefined;
  let e = k + 1;
  while (e < limit && e < k + 12 && tokens[e].text !== ',' && tokens[e].text !== ')' && !(tokens[e].text === '.' && e + 1 >= limit)) e++;
  if (e === k + 1 || (e < limit && tokens[e].text !== ',' && tokens[e].text !== ')' && tokens[e].text !== '.')) return undefined;
  // The object names a body ("the zoning board", "Acme"), not a figure of speech ("who leads the pack").
  for (let j = k + 1; j < e; j++) {
    const t = tokens[j];
    if (t.kind === 'poss' || (t.kind === 'word' && (t.cap || INSTITUTION_WORDS.has(t.lower) || ROLE_BODY_WORDS.has(t.lower)))) return { from: k, to: e - 1 };
  }
  return undefined;
}

/**
 * Resolves names the document alone could not ("President Biden" in a source
 * that never says "Joe") against the people the whole corpus knows. Returns
 * the officials list with upgraded and added mentions, and what stays pending.
 */
export function resolvePending(officials: Official[], pending: PendingName[], people: PeopleLookup): Omit<OfficialsResult, 'persons'> {
  const out = officials.slice();
  const still: PendingName[] = [];
  for (const p of pending) {
    const person = people.resolve(p.text);
    const fits = person && (p.text.includes(' ') ? person.name === p.text : true);
    if (!person || !fits) {
      still.push(p);
      continue;
    }
    if (p.titled) {
      const i = out.findIndex((o) => o.start === p.start);
      if (i >= 0) out[i] = { ...out[i], name: person.name, resolvedFrom: 'corpus' };
    } else {
      out.push({ start: p.start, end: p.end, text: p.text, name: person.name, title: person.titles[0], form: 'bare', resolvedFrom: 'corpus', sentence: p.sentence });
    }
  }
  return { officials: out.sort((a, b) => a.start - b.start), pending: still };
}

/**
 * A bare capitalised run that might name a person the corpus knows: one to
 * three words, none of them a country, nationality or organisation, and not
 * a lone initial ("Israeli", "United States", "U" never resolve to anyone).
 */
function couldBePerson(tokens: Token[], c: Candidate): boolean {
  if (c.to - c.from > 2) return false;
  if (c.from === c.to && tokens[c.from].text.length < 2) return false;
  for (let k = c.from; k <= c.to; k++) {
    if (PLACES.at(tokens, k) || NATIONALITIES.at(tokens, k) || ORG_NAMES.at(tokens, k) || STOPWORDS.has(tokens[k].lower)) return false;
  }
  return true;
}

function span(tokens: Token[], r: { from: number; to: number }): Span {
  return { start: tokens[r.from].start, end: tokens[r.to].end };
}

/** Full name → person, and surname → person when only one person has it. */
export class PeopleIndex implements PeopleLookup {
  private byName = new Map<string, KnownPerson>();
  private bySurname = new Map<string, Set<string>>();

  add(name: string, title: string | undefined): void {
    let p = this.byName.get(name);
    if (!p) {
      p = { name, titles: [] };
      this.byName.set(name, p);
      const sn = surnameOf(name);
      if (sn !== name) {
        if (!this.bySurname.has(sn)) this.bySurname.set(sn, new Set());
        this.bySurname.get(sn)!.add(name);
      }
    }
    if (title && !p.titles.includes(title)) p.titles.push(title);
  }

  resolve(nameOrSurname: string): KnownPerson | undefined {
    const direct = this.byName.get(nameOrSurname);
    if (direct && direct.titles.length) return direct;
    const names = this.bySurname.get(nameOrSurname);
    if (!names) return undefined;
    const titled = [...names].map((n) => this.byName.get(n)!).filter((p) => p.titles.length);
    return titled.length === 1 ? titled[0] : undefined;
  }

  get size(): number {
    return this.byName.size;
  }

  all(): KnownPerson[] {
    return [...this.byName.values()].filter((p) => p.titles.length);
  }
}
