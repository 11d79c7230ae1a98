// Reading a claim or a passage for paraphrase: each content word stands for
// its meaning (a concept from data/paraphrase.json, or its own stem), and
// each meaning is marked where the text negates it ("not pursuing", "stepped
// back from pursuing") or only says it might happen ("could postpone"). Two
// texts say the same thing in other words when their meanings match with the
// same polarity.

import { NATIONALITIES, PhraseTable, PLACES } from '../analysis/lexicon.js';
import { tokenize, type Token } from '../analysis/text.js';
import { term, tokenTerm } from '../corpus/terms.js';
import data from './data/paraphrase.json';

const phrases = (list: string[]) => new PhraseTable<true>(list.map((w): [string, true] => [w, true]));
const NEGATORS = phrases(data.negators);
const MODALS = phrases(data.modals);
const IDIOM_OBJECTS = new Set(data.idiomObjects);
const SKIP = new Set([...data.skip, ...data.frames]);
/** Words that start another clause: a negation's reach ends there ("did not pursue a truce as Israel struck"). */
const SCOPE_ENDS = new Set(data.scopeEnds);
const WHERE = new Set(data.where);
/** Punctuation that ends the reach of a negation or a modal. */
const CLAUSE_END = /^[,;:.!?()—–]$/;

/** Stem → concept: every word of a concept list stands for the list's first word; its phrases too. */
const CONCEPT = new Map<string, string>();
const phrasePairs: [string, string][] = [];
for (const group of data.concepts) {
  const head = term(group[0]);
  if (!head) continue;
  for (const w of group) {
    if (w.includes(' ')) {
      phrasePairs.push([w, `~${head}`]);
      continue;
    }
    const t = term(w);
    if (t && !CONCEPT.has(t)) CONCEPT.set(t, `~${head}`);
  }
}
const CONCEPT_PHRASES = new PhraseTable<string>(phrasePairs);

/** Every concept's terms (stems), to look a concept up in an index by any of its wordings. */
export function conceptWordings(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [t, c] of CONCEPT) {
    const set = out.get(c) ?? new Set<string>();
    set.add(t);
    out.set(c, set);
  }
  return out;
}

/** What a negated word means in other words ("not yielded" ~ "failed"): the concept of the word given. */
const NEGATED_AS = new Map<string, string>();
for (const [word, as] of Object.entries(data.negatedAs)) {
  const t = term(word);
  const a = term(as);
  if (t && a) NEGATED_AS.set(concept(t), concept(a));
}

/** The meaning a stemmed term stands for. */
export function concept(t: string): string {
  return CONCEPT.get(t) ?? t;
}

export interface Reading {
  /** Content terms (stems) with their concept; markers (negators, modals, skipped words) left out. */
  terms: Map<string, string>;
  /** Terms written lower case (not names): what the text says happened. */
  lower: Set<string>;
  /** Concepts the text says anywhere. */
  concepts: Set<string>;
  /** Concepts the text negates ("not pursuing" → pursue), and those it says without negation. */
  negated: Set<string>;
  plain: Set<string>;
  /** What the rest of a negated clause says: "not pursuing efforts to reinstate a cease-fire" denies efforts and a cease-fire too. */
  denied: Set<string>;
  /** What only might happen: the verbs a modal governs ("could postpone", "may serve to … delay"); and what is said outright, outside any modal's reach. */
  possible: Set<string>;
  factual: Set<string>;
  /** Whether the text negates anything: its own word order may put what it denies first ("a truce is something she stepped back from"). */
  negates: boolean;
  /** Whether the text has a modal at all: it does not claim that anything happened. */
  modal: boolean;
  /** The word that carried each concept, for explaining a match ("killed ~ fatalities"). */
  words: Map<string, Token>;
}

/**
 * The places a text says something happened in ("in Lebanon", "in the
 * southern Gaza city of Rafah" names Gaza), as entities ("country:LB",
 * "name:rafah"): a figure is about its place.
 */
export function placesOf(tokens: Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!WHERE.has(tokens[i].lower) || tokens[i].cap) continue;
    // Up to two words between ("in the south of Lebanon" is too far; "in southern Lebanon" is not).
    for (let j = i + 1; j <= i + 3 && j < tokens.length && tokens[j].kind === 'word'; j++) {
      if (!tokens[j].cap) continue;
      const place = PLACES.at(tokens, j) ?? NATIONALITIES.at(tokens, j);
      out.push(place ? `country:${place.value}` : `name:${tokens[j].lower}`);
      break;
    }
  }
  return out;
}

/** Reads text[start, end). */
export function readText(text: string, start = 0, end = text.length): Reading {
  return read(tokenize(text.slice(start, end)));
}

export function read(tokens: Token[]): Reading {
  const r: Reading = { terms: new Map(), lower: new Set(), concepts: new Set(), negated: new Set(), plain: new Set(), denied: new Set(), negates: false, possible: new Set(), factual: new Set(), modal: false, words: new Map() };
  let negate = false;
  // Inside a negated clause, after the word the negation turns: everything it says is denied, not asserted.
  let denying = false;
  let modalScope = false;
  // The verbs a modal governs: the word after it, and after "to", "and" or "or" in its reach ("may serve to facilitate talks and delay action").
  let verb = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if (CLAUSE_END.test(t.text)) negate = denying = modalScope = verb = false;
      continue;
    }
    if (t.kind === 'poss') continue;
    if (t.lower === 'but') {
      negate = denying = modalScope = verb = false;
      continue;
    }
    if (SCOPE_ENDS.has(t.lower)) denying = false;
    const neg = NEGATORS.at(tokens, i) ?? (/n['’]t$/.test(t.lower) ? { to: i } : undefined);
    if (neg) {
      negate = denying = r.negates = true;
      i = neg.to;
      continue;
    }
    const modal = MODALS.at(tokens, i);
    if (modal) {
      modalScope = verb = r.modal = true;
      i = modal.to;
      continue;
    }
    if (modalScope && (t.lower === 'to' || t.lower === 'and' || t.lower === 'or')) {
      // "And" after a name joins names ("northern Israel and southern Lebanon"), not another verb the modal governs.
      verb = t.lower === 'to' || !tokens[i - 1]?.cap;
      continue;
    }
    if (SKIP.has(t.lower)) continue;
    // "Israel", "Israeli" and "Israel's" are one country; "the US", "U.S." and "American" another.
    const place = t.cap ? (PLACES.at(tokens, i) ?? NATIONALITIES.at(tokens, i)) : undefined;
    const phrase = place ? undefined : CONCEPT_PHRASES.at(tokens, i);
    // A phrase counts as its last word ("halt hostilities" as "hostilities") meaning the phrase's concept.
    const x = place ? `country:${place.value}` : phrase ? tokenTerm(tokens[phrase.to]) : tokenTerm(t);
    if (!x) continue;
    const match = place ?? phrase;
    if (match) i = match.to;
    let c = phrase ? phrase.value : concept(x);
    // "Not pursuing" says "abandon" outright; what follows is what is abandoned, denied.
    const converted = negate && !t.cap && NEGATED_AS.has(c);
    if (converted) {
      c = NEGATED_AS.get(c)!;
      negate = false;
      // The object goes with the idiom: "not yielded (significant) results" is "failed".
      for (let j = i + 1; j <= i + 3 && j < tokens.length && tokens[j].kind === 'word'; j++) {
        if (IDIOM_OBJECTS.has(tokens[j].lower)) {
          i = j;
          break;
        }
      }
    }
    r.terms.set(x, c);
    r.concepts.add(c);
    if (!r.words.has(c)) r.words.set(c, t);
    // Names are who, not what: a negation or a modal reaches the next word that says something.
    if (t.cap) {
      r.plain.add(c);
      r.factual.add(c);
      continue;
    }
    r.lower.add(x);
    if (negate) r.negated.add(c);
    else if (denying && !converted) r.denied.add(c);
    else r.plain.add(c);
    negate = false;
    if (verb) r.possible.add(c);
    else if (!modalScope) r.factual.add(c);
    verb = false;
  }
  return r;
}

/**
 * Whether a passage says the opposite of the claim about a meaning both
 * have: one negates what the other does not, or the passage says only that
 * something might happen that the claim says happened.
 */
export function conflict(claim: Reading, passage: Reading): string | undefined {
  for (const c of claim.negated) if (passage.plain.has(c) && !passage.negated.has(c) && !claim.plain.has(c)) return c;
  for (const c of passage.negated) if (claim.plain.has(c) && !claim.negated.has(c) && !passage.plain.has(c)) return c;
  // A claim that something did not happen needs a passage that says that did not happen.
  for (const c of claim.negated) if (!passage.negated.has(c) && !passage.denied.has(c)) return c;
  // What the claim asserts, the passage says only inside a negation: "still seeking a cease-fire" against "not pursuing efforts to reinstate a cease-fire".
  if (!claim.negates) for (const c of claim.plain) if (passage.denied.has(c) && !passage.plain.has(c) && !claim.denied.has(c)) return c;
  // "not pursuing" is read as "abandon": it says the opposite of "pursuing".
  for (const [c, opposite] of NEGATED_AS) {
    if (claim.plain.has(c) && passage.concepts.has(opposite) && !passage.concepts.has(c)) return c;
    if (passage.plain.has(c) && claim.concepts.has(opposite) && !claim.concepts.has(c)) return c;
  }
  // "Could" is not "did": what the claim says happened, the passage says only might.
  if (!claim.modal) for (const c of passage.possible) if (claim.factual.has(c) && !passage.factual.has(c)) return c;
  return undefined;
}
