// The people one document names, and how a reader ties a later short mention
// to them: "Heller" or "Mr. Heller" is the surname of "Mark J. Heller", "Sir
// Keith" the first name of "Keith Joseph", "Mark" the first name of "Mark
// May" once the article has named him. Two people with one surname are told
// apart by the full name written last before the mention; with none before
// it the mention stays unresolved rather than guessed.

import { FIRST_NAME_GENDER, GENDER_WORDS, HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, PRONOUN_GENDER, type Gender } from './lexicon.js';
import { tokenAt, type Token } from './text.js';
import type { Sentence, Span } from './types.js';

export interface DocPerson {
  /** The fullest form of the name the document writes. */
  name: string;
  /** Every title the document gives the person, in order. */
  titles: string[];
  first: string;
  surname: string;
  /** Offsets where the full name is written, ascending. */
  fullAt: number[];
  /** Known only by one word ("Pope Francis"): the corpus may still complete the name. */
  single?: boolean;
}

/** Lower case without accents, so "Müller" and "Muller" are one surname. */
export function fold(word: string): string {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return word.toLowerCase();
}

/** The German spelling without umlauts: "Müller" is also written "Mueller". */
function transliterate(word: string): string {
  if (!/[äöüßÄÖÜ]/.test(word)) return fold(word);
  return fold(word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'));
}


/** Name words without particles and suffixes ("Erik van Sebille" → Erik, Sebille). */
function suffix(word: string): boolean {
  const w = word.toLowerCase();
  return NAME_SUFFIXES.has(w.endsWith('.') ? w.slice(0, -1) : w);
}

function coreWords(name: string): string[] {
  return name.split(' ').filter((w) => !NAME_PARTICLES.has(w.toLowerCase()) && !suffix(w));
}

export function surnameOf(name: string): string {
  if (!name.includes(' ')) return name;
  const words = name.split(' ').filter((p) => !suffix(p));
  return words[words.length - 1] ?? name;
}

export class DocPeople {
  private byName = new Map<string, DocPerson>();
  private persons: DocPerson[] = [];
  private pending: { name: string; at: number }[] = [];
  /** Folded surname (and its German spelling without umlauts) → people; folded first name → people. */
  private bySurname = new Map<string, DocPerson[]>();
  private byFirst = new Map<string, DocPerson[]>();
  /** Folded inner surname of a longer name ("Salinas" in "Rosa Salinas Ortega") → people. */
  private byInner = new Map<string, DocPerson[]>();

  /** A full name (two words or more) written at `at`; call `settle` once all are added. */
  addFull(name: string, at: number): void {
    this.pending.push({ name, at });
  }

  /**
   * Groups the full names into people: a shorter form whose words all belong
   * to a longer one with the same surname ("Mark Heller", "Mark J. Heller") is
   * the same person.
   */
  settle(): void {
    const names = [...new Set(this.pending.map((p) => p.name))]
      .map((name) => ({ name, core: coreWords(name) }))
      .sort((a, b) => b.core.length - a.core.length || b.name.length - a.name.length);
    for (const { name, core } of names) {
      const words = core.map(fold);
      const same = (this.bySurname.get(fold(surnameOf(name))) ?? []).find((p) => words.every((w) => coreWords(p.name).map(fold).includes(w)));
      if (same) {
        this.byName.set(name, same);
        continue;
      }
      this.add({ name, titles: [], first: core[0] ?? name, surname: surnameOf(name), fullAt: [] });
    }
    for (const p of this.pending) this.byName.get(p.name)!.fullAt.push(p.at);
    for (const p of this.persons) p.fullAt.sort((a, b) => a - b);
    this.pending = [];
  }

  /** A person the document names by one word after a title only ("President Obama"). */
  addSingle(word: string, at: number): void {
    this.add({ name: word, titles: [], first: word, surname: word, fullAt: [at], single: true });
  }

  private add(person: DocPerson): void {
    this.persons.push(person);
    this.byName.set(person.name, person);
    // "al-Sharaa" is also "Sharaa" on a later mention.
    const bare = /^(?:al|el|ad|as|ash|an|ar)[-‐]/i.test(person.surname) ? fold(person.surname.slice(person.surname.search(/[-‐]/) + 1)) : undefined;
    for (const key of new Set([fold(person.surname), transliterate(person.surname), bare])) if (key) push(this.bySurname, key, person);
    if (person.first !== person.surname) push(this.byFirst, fold(person.first), person);
    // "Rosa Salinas Ortega" is "Salinas" later, as Spanish and Portuguese names are shortened;
    // a middle word that is a given name ("Mary Ann Zollman") or an initial is not a surname.
    const core = coreWords(person.name);
    for (let i = 1; i < core.length - 1; i++) {
      const w = fold(core[i]);
      if (w.length > 2 && !w.endsWith('.') && !FIRST_NAME_GENDER.has(w)) push(this.byInner, w, person);
    }
  }

  get(name: string): DocPerson | undefined {
    return this.byName.get(name);
  }

  /**
   * The person a one-word mention at `at` names. `honorific` ("mr", "sir")
   * says whether the word is a surname or a first name; without one a surname
   * is tried first, then a first name the article has already introduced.
   */
  resolve(word: string, honorific: string | undefined, at: number): DocPerson | undefined {
    // "Van der Berg": a surname with its particles is looked up by its last word.
    if (word.includes(' ')) word = surnameOf(word);
    const w = fold(word);
    const part = honorific ? HONORIFICS.get(honorific) ?? 'any' : 'any';
    let bySurname = part === 'first' ? undefined : this.bySurname.get(w) ?? this.bySurname.get(transliterate(word));
    // "Mrs. Park" when Tom and Ellen Park are both named: the honorific's sex picks by given name.
    const sex = honorific && bySurname && bySurname.length > 1 ? GENDER_WORDS.get(honorific) : undefined;
    if (sex) {
      const fits = bySurname!.filter((p) => FIRST_NAME_GENDER.get(fold(p.first)) === sex);
      if (fits.length) bySurname = fits;
    }
    if (bySurname?.length) return pick(bySurname, at);
    const inner = part === 'first' ? undefined : this.byInner.get(w);
    if (inner?.length) return pick(inner, at);
    if (part === 'surname') return undefined;
    // A first name alone names the one person who has it, after the full name; before it ("his wife Fran"
    // … "Fran Finney") only when the word is surely a given name, not also a place or a word ("Jordan", "Will").
    const byFirst = this.byFirst.get(w);
    if (!byFirst || byFirst.length !== 1) return undefined;
    return part === 'first' || byFirst[0].fullAt[0] < at || FIRST_NAME_GENDER.has(w) ? byFirst[0] : undefined;
  }

  all(): DocPerson[] {
    return this.persons;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** One person, or among several the one whose full name was written last before `at`. */
function pick(list: DocPerson[], at: number): DocPerson | undefined {
  if (list.length === 1) return list[0];
  let best: DocPerson | undefined;
  let bestAt = -1;
  for (const p of list) {
    for (const f of p.fullAt) {
      if (f >= at) break;
      if (f > bestAt) {
        bestAt = f;
        best = p;
      }
    }
  }
  return best;
}

/**
 * Each person's gender as the article shows it, for telling "he said" from
 * "she said": an honorific or gendered title beside a mention ("Mrs
 * Thatcher", "spokeswoman Hua Chunying"), else the pronouns of the sentence
 * that opens with the person and of the next one when it names no one else.
 * People the article gives no sign for are left out.
 */
export function personGenders(tokens: Token[], sentences: Sentence[], persons: { start: number; end: number; name: string; span: Span }[]): Map<string, Gender> {
  const votes = new Map<string, { m: number; f: number }>();
  const vote = (name: string, g: Gender, n: number) => {
    const v = votes.get(name) ?? { m: 0, f: 0 };
    v[g] += n;
    votes.set(name, v);
  };
  let k = 0;
  for (let s = 0; s < sentences.length && k < persons.length; s++) {
    const sent = sentences[s];
    while (k < persons.length && persons[k].start < sent.start) k++;
    const here: number[] = [];
    for (let j = k; j < persons.length && persons[j].start < sent.end; j++) here.push(j);
    if (!here.length) continue;
    for (const j of here) {
      const p = persons[j];
      // Honorifics and gendered titles count for more than pronouns.
      const from = tokenAt(tokens, Math.min(p.span.start, p.start));
      for (let t = Math.max(0, from - 2); t < tokens.length && tokens[t].start < p.span.end; t++) {
        const g = GENDER_WORDS.get(tokens[t].lower);
        if (g && (tokens[t].end <= p.start || tokens[t].start >= p.end)) vote(p.name, g, 5);
      }
    }
    // Only a sentence about the person (named first, as its subject) says which pronoun stands for them:
    // its own pronouns when it names no one else, and those of the next sentence when that names no one.
    const subject = persons[here[0]];
    if (tokenAt(tokens, subject.span.start) > tokenAt(tokens, sent.start) + 2) continue;
    const alone = here.every((j) => persons[j].name === subject.name);
    const next = sentences[s + 1];
    let after = here[here.length - 1] + 1;
    while (after < persons.length && persons[after].start < sent.end) after++;
    const nextFree = next && !(after < persons.length && persons[after].start >= next.start && persons[after].start < next.end);
    const from = alone ? subject.end : nextFree ? next.start : sent.end;
    const end = nextFree ? next.end : alone ? sent.end : from;
    for (let t = tokenAt(tokens, from); t < tokens.length && tokens[t].start < end; t++) {
      const g = PRONOUN_GENDER.get(tokens[t].lower);
      if (g) vote(subject.name, g, 1);
    }
  }
  // A given name that nearly always belongs to one sex counts almost like a gendered title, once per person.
  const named = new Set<string>();
  for (const p of persons) {
    if (named.has(p.name)) continue;
    named.add(p.name);
    const space = p.name.indexOf(' ');
    const g = space > 0 ? FIRST_NAME_GENDER.get(fold(p.name.slice(0, space))) : undefined;
    if (g) vote(p.name, g, 4);
  }
  const out = new Map<string, Gender>();
  for (const [name, v] of votes) {
    if (v.m > 2 * v.f) out.set(name, 'm');
    else if (v.f > 2 * v.m) out.set(name, 'f');
  }
  return out;
}
