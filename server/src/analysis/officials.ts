// Named officials: a person with a title, written in the usual news patterns
//   [title] Name            "State Department spokesperson Matthew Miller"
//   Name, [the] title,      "Lloyd Austin, the US defense secretary,"
// and later bare mentions ("Kirby said", "Gallant's visit") resolved to the
// full name, from the document first and then from the corpus.

import {
  AFTER_NAME,
  APPOSITION_JOINS,
  APPOSITION_VERBS,
  DETERMINERS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NATIONALITIES,
  NOT_NAMES,
  ORG_NAMES,
  ORG_NAME_ENDS,
  PLACES,
  PORTFOLIOS,
  ROLE_BODY_WORDS,
  ROLES,
  STOPWORDS,
  TITLE_MODIFIERS,
} from './lexicon.js';
import { tokenAt, type Token } from './text.js';
import type { Block, KnownPerson, Official, PeopleLookup, PendingName, Sentence, Span } from './types.js';

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
}

/** A word that can be part of a person's name. */
function nameToken(t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (prefixedName(t)) return true;
  if (!t.cap) return false;
  // Acronyms ("CIA", "U.S.") are organisations and countries, not names.
  if (t.text.length > 1 && t.text === t.text.toUpperCase()) return false;
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
      if (next.text === '.' && !next.gap && (tokens[j].text.length === 1 || ROLES.endingAt(tokens, j)) && tokens[j + 2]?.cap) {
        j += 2;
        continue;
      }
      if (next.kind === 'word' && (next.cap || prefixedName(next))) {
        j++;
        continue;
      }
      // Particles inside a name: "Osama bin Laden", "Ursula von der Leyen".
      if (next.kind === 'word' && NAME_PARTICLES.has(next.lower) && tokens[j + 2]?.cap && tokens[j + 2].kind === 'word') {
        j += 2;
        continue;
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
export function titleEndingAt(tokens: Token[], p: number, first: number): { from: number; to: number } | undefined {
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
    // Organisations the lists do not know ("Public Works Director", "Springfield Mayor").
    if (t.cap && !NOT_NAMES.has(t.lower) && !STOPWORDS.has(t.lower) && !DETERMINERS.has(t.lower)) {
      from = j;
      j--;
      continue;
    }
    break;
  }
  // A title never starts with 'of'.
  while (from < role.from && tokens[from].lower === 'of') from++;
  return { from, to: p };
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
  const direct = titleEndingAt(tokens, comma - 1, first);
  if (direct) return direct;
  // "spokesman for Qatar's foreign ministry": a role, then for/of/at and the body it serves.
  for (let j = comma - 1; j >= Math.max(first, comma - 8); j--) {
    if (!/^(?:for|of|at|with)$/.test(tokens[j].lower)) continue;
    const role = titleEndingAt(tokens, j - 1, first);
    if (!role) return undefined;
    const body = tokens.slice(j + 1, comma);
    const bodyOk = body.every((t) => t.kind === 'poss' || t.cap || DETERMINERS.has(t.lower) || PORTFOLIOS.has(t.lower) || ROLE_BODY_WORDS.has(t.lower));
    return bodyOk ? { from: role.from, to: comma - 1 } : undefined;
  }
  return undefined;
}

/** A title after a name: "Lloyd Austin, the US defense secretary," → tokens of "US defense secretary". */
function appositiveTitle(tokens: Token[], nameEnd: number, limit: number): { from: number; to: number } | undefined {
  let k = nameEnd + 1;
  if (tokens[k]?.text !== ',') return undefined;
  k++;
  if (tokens[k] && DETERMINERS.has(tokens[k].lower)) k++;
  // "the company's chief executive"
  if (tokens[k]?.kind === 'word' && tokens[k + 1]?.kind === 'poss' && !ROLES.at(tokens, k, limit)) k += 2;
  const start = k;
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
  // possibly after a short prepositional phrase ("chief executive since 2019,").
  const after = tokens[lastRole + 1];
  if (after && after.kind === 'word' && lastRole + 1 < limit && !APPOSITION_VERBS.has(after.lower) && !APPOSITION_JOINS.has(after.lower)) {
    if (!/^(?:since|from|until|in|at|for|of)$/.test(after.lower)) return undefined;
    let e = lastRole + 2;
    while (e < limit && e < lastRole + 7 && tokens[e].text !== ',') e++;
    if (tokens[e]?.text !== ',') return undefined;
  }
  return { from: start, to: lastRole };
}

function nameText(text: string, tokens: Token[], from: number, to: number): string {
  return text.slice(tokens[from].start, tokens[to].end).replace(/\s+/g, ' ').replace(/['’]s$/, '');
}

function surname(name: string): string {
  const parts = name.split(' ').filter((p) => !NAME_SUFFIXES.has(p.toLowerCase()));
  return parts[parts.length - 1] ?? name;
}

/** A person the document itself names with a full name and a title. */
interface DocPerson {
  name: string;
  titles: string[];
}

export interface OfficialsResult {
  officials: Official[];
  /** Names the document could not resolve; the corpus may know them later. */
  pending: PendingName[];
}

export function findOfficials(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  blocks: Block[],
  people?: PeopleLookup,
): OfficialsResult {
  const candidates: Candidate[] = [];
  const bare: Candidate[] = [];
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
      // A title set off by commas: "Israel's defense minister, Yoav Gallant, said".
      if (!title && tokens[runFrom - 1]?.text === ',' && closesApposition(tokens, runTo, limit)) title = titleBeforeComma(tokens, runFrom - 1, first);
      let nameTo = runTo;
      while (nameTo >= nameFrom && !nameToken(tokens[nameTo])) nameTo--;
      while (nameFrom <= nameTo && !nameToken(tokens[nameFrom])) nameFrom++;
      if (nameFrom > nameTo) continue;
      // Only a run made of name words is a name.
      let ok = true;
      for (let k = nameFrom; k <= nameTo; k++) {
        const t = tokens[k];
        if (t.text === '.' || NAME_PARTICLES.has(t.lower) || NAME_SUFFIXES.has(t.lower)) continue;
        if (!nameToken(t) || ORG_NAMES.at(tokens, k)) ok = false;
      }
      // "General Motors", "Public Works Department": the last word names an organisation.
      if (ORG_NAME_ENDS.has(tokens[nameTo].lower)) ok = false;
      if (!ok) continue;
      if (nameFrom === nameTo && PLACES.at(tokens, nameFrom)?.to === nameFrom) continue;
      const following = tokens[nameTo + 1];
      const attribute = following && following.kind === 'word' && AFTER_NAME.has(following.lower);
      if (title && !attribute) {
        candidates.push({ from: nameFrom, to: nameTo, title, form: 'titled', sentence: s.index });
        continue;
      }
      const appos = appositiveTitle(tokens, nameTo, limit);
      if (appos && !attribute && nameFrom < nameTo + 1) {
        candidates.push({ from: nameFrom, to: nameTo, title: appos, form: 'appositive', sentence: s.index });
        continue;
      }
      if (attribute) continue;
      // A single word after a location preposition is a place ("in Austin").
      if (nameFrom === nameTo && LOCATION_PREPOSITIONS.has(tokens[nameFrom - 1]?.lower ?? '')) continue;
      bare.push({ from: nameFrom, to: nameTo, form: 'bare', sentence: s.index });
    }
  }

  // Pass 1: people the document names in full with a title.
  const docPeople = new Map<string, DocPerson>();
  const bySurname = new Map<string, Set<string>>();
  for (const c of candidates) {
    if (c.from === c.to) continue;
    const name = nameText(text, tokens, c.from, c.to);
    const titleText = text.slice(tokens[c.title!.from].start, tokens[c.title!.to].end);
    const p = docPeople.get(name) ?? { name, titles: [] };
    p.titles.push(titleText);
    docPeople.set(name, p);
    const sn = surname(name);
    if (!bySurname.has(sn)) bySurname.set(sn, new Set());
    bySurname.get(sn)!.add(name);
  }
  const resolve = (written: string): { person?: KnownPerson | DocPerson; from: Official['resolvedFrom'] } => {
    const inDoc = docPeople.get(written);
    if (inDoc) return { person: inDoc, from: 'document' };
    const names = bySurname.get(written);
    if (names && names.size === 1) return { person: docPeople.get([...names][0]), from: 'document' };
    const known = people?.resolve(written);
    if (known) return { person: known, from: 'corpus' };
    return { from: 'unresolved' };
  };

  // Pass 2: every mention with its canonical name.
  const out: Official[] = [];
  const pending: PendingName[] = [];
  const titleCaseBlock = new Map<number, boolean>();
  const inTitleCase = (c: Candidate) => {
    const s = sentences[c.sentence];
    if (s.kind === 'paragraph') return false;
    if (!titleCaseBlock.has(s.block)) titleCaseBlock.set(s.block, isTitleCase(text, blocks[s.block]));
    return titleCaseBlock.get(s.block)!;
  };
  for (const c of candidates) {
    const written = nameText(text, tokens, c.from, c.to);
    const titleText = text.slice(tokens[c.title!.from].start, tokens[c.title!.to].end);
    const single = c.from === c.to;
    const r = single ? resolve(written) : { person: docPeople.get(written), from: 'mention' as const };
    // In a Title Case headline any word is capitalised; trust only names we know.
    if (inTitleCase(c) && (r.from === 'unresolved' || (!single && !people?.resolve(written) && !docPeopleOutside(docPeople, written, candidates, c)))) continue;
    if (single && r.from === 'unresolved') pending.push({ start: tokens[c.from].start, end: tokens[c.to].end, text: written, sentence: c.sentence, titled: true });
    out.push({
      start: tokens[c.from].start,
      end: tokens[c.to].end,
      text: written,
      name: r.person?.name ?? written,
      title: titleText,
      titleSpan: span(tokens, c.title!),
      form: c.form,
      resolvedFrom: single ? r.from : 'mention',
      sentence: c.sentence,
    });
  }
  for (const c of bare) {
    const written = nameText(text, tokens, c.from, c.to);
    const r = resolve(written);
    if (!r.person) {
      // Kept for the corpus to resolve later, if it could be a person's name at all.
      if (couldBePerson(tokens, c)) pending.push({ start: tokens[c.from].start, end: tokens[c.to].end, text: written, sentence: c.sentence, titled: false });
      continue;
    }
    // A full name must match the person exactly; a single word must be their surname.
    if (c.from !== c.to && r.person.name !== written) continue;
    out.push({
      start: tokens[c.from].start,
      end: tokens[c.to].end,
      text: written,
      name: r.person.name,
      title: r.person.titles[0],
      form: 'bare',
      resolvedFrom: r.from,
      sentence: c.sentence,
    });
  }
  return { officials: out.sort((a, b) => a.start - b.start), pending };
}

/**
 * Resolves names the document alone could not ("President Biden" in a source
 * that never says "Joe") against the people the whole corpus knows. Returns
 * the officials list with upgraded and added mentions, and what stays pending.
 */
export function resolvePending(officials: Official[], pending: PendingName[], people: PeopleLookup): OfficialsResult {
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

/** Whether the document names this person with a title outside the given candidate (so a headline can trust it). */
function docPeopleOutside(doc: Map<string, DocPerson>, name: string, all: Candidate[], self: Candidate): boolean {
  return doc.has(name) && all.some((c) => c !== self && c.sentence !== self.sentence);
}

function span(tokens: Token[], r: { from: number; to: number }): Span {
  return { start: tokens[r.from].start, end: tokens[r.to].end };
}

/** Full name → person, and surname → person when only one person has it. */
export class PeopleIndex implements PeopleLookup {
  private byName = new Map<string, KnownPerson & { count: number }>();
  private bySurname = new Map<string, Set<string>>();

  add(name: string, title: string | undefined): void {
    let p = this.byName.get(name);
    if (!p) {
      p = { name, titles: [], count: 0 };
      this.byName.set(name, p);
      const sn = surname(name);
      if (sn !== name) {
        if (!this.bySurname.has(sn)) this.bySurname.set(sn, new Set());
        this.bySurname.get(sn)!.add(name);
      }
    }
    p.count++;
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
