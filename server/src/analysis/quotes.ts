// Quotes: straight and curly double quotes, guillemets and curly single
// quotes, with the speaker when the sentence attributes them
// ('…," Kirby said', '…," said Kirby', 'Miller said the US was "…"',
// 'according to …', or a line ending in a colon before the quote).

import { ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, DETERMINERS, GENDER_WORDS, NOT_NAMES, PERSON_NOUNS, PRONOUN_GENDER, ROLES, SPEAKER_ADVERBS, SPEAKER_PRONOUNS, STOPWORDS } from './lexicon.js';
import { personGenders } from './people.js';
import { tokenAt, type Token } from './text.js';
import type { PersonMention } from './officials.js';
import type { Block, Quote, Sentence, Span } from './types.js';

const LETTER_RE = /[\p{L}\p{N}]/u;
const CONJUNCTIONS = new Set(['but', 'and', 'so', 'yet', 'however', 'meanwhile', 'also', 'then']);
/** Words after which a speaker's name has ended ("wrote Hale in a blog post"). */
const NAME_END_PREPOSITIONS = new Set(['in', 'at', 'on', 'during', 'after', 'before', 'to', 'with', 'via', 'from']);
/** Role groups (titles.json) that one person holds at a time in a place: 'the prime minister' is someone the article names. */
const SOLE_OFFICES = new Set(['head of government', 'deputy head of government', 'president', 'vice president', 'monarch', 'mayor', 'governor', 'supreme leader']);

/** Whether a closing single quote (not between letters) follows in [from, end) before another quote opens. */
function closesLater(masked: string, from: number, end: number): boolean {
  for (let j = from; j < end; j++) {
    const c = masked[j];
    if (c === '‘' || c === '“') return false;
    if (c === '’' && !LETTER_RE.test(masked[j + 1] ?? ' ')) return true;
  }
  return false;
}

/**
 * Where a quote opened at `at` inside another closes, if it is nested: its
 * closing mark, then another closing the outer one, before any mark opens
 * again in the block; -1 otherwise (the outer quote was never closed).
 */
function nestedClose(masked: string, at: number, end: number): number {
  let inner = -1;
  for (let j = at + 1; j < end; j++) {
    const c = masked[j];
    if (c === '“' || c === '«' || c === '„') return -1;
    if (c !== '”' && c !== '»' && c !== '"') continue;
    if (inner < 0) inner = j;
    else return inner;
  }
  return -1;
}

/** Quote spans in one block: [open mark, close mark] offsets. */
function quoteMarks(masked: string, block: Block): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  let kind = '';
  for (let i = block.start; i < block.end; i++) {
    // Every quotation mark but the straight one is outside ASCII: most characters are passed over at once.
    const code = masked.charCodeAt(i);
    if (code < 128 && code !== 34) continue;
    const c = masked[i];
    if (c === '“' && kind === '„') {
      // German quotes open low and close with the mark English opens with: „so“.
      out.push([open, i]);
      open = -1;
      kind = '';
    } else if (c === '“' || c === '«' || c === '„') {
      if (kind !== '‘') {
        // A quote inside the open one ('“… called us “terrorists”. This …”', closed twice before anything
        // opens again) is part of it, not a quote of its own.
        const inner = open >= 0 ? nestedClose(masked, i, block.end) : -1;
        if (inner >= 0) {
          i = inner;
          continue;
        }
        // A double quote still open where another opens was never closed ('"you dealt with one regulator, maybe
        // two. “Now it’s five'): it ends here, before the spaces between them. As a quote left open at a
        // paragraph's end, only one of some length: stray marks ("“a “b “c") are not quotes.
        if (open >= 0 && i - open > 20 && LETTER_RE.test(masked.slice(open + 1, i))) {
          let end = i;
          while (end > open + 1 && /\s/.test(masked[end - 1])) end--;
          out.push([open, end]);
        }
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

/** The sentence holding `offset`: the last one starting at or before it. */
function sentenceOf(sentences: Sentence[], offset: number): number {
  return tokenAt(sentences, offset + 1) - 1;
}

interface Speaker {
  name: string;
  span: Span;
}

/** The person a pronoun at an offset stands for. */
type Antecedent = (pos: number, pronoun?: string, role?: string) => Speaker | undefined;

export function findQuotes(
  text: string,
  masked: string,
  tokens: Token[],
  sentences: Sentence[],
  blocks: Block[],
  mentions: PersonMention[],
): Quote[] {
  const quotes: Quote[] = [];
  const marksOf = blocks.map((block) => (block.kind === 'skip' || block.kind === 'footnote' ? [] : quoteMarks(masked, block)));
  // A name inside quoted words is not who says them.
  const spans = marksOf.flat();
  const persons: PersonMention[] = [];
  let m = 0;
  for (const p of mentions) {
    while (m < spans.length && spans[m][1] <= p.start) m++;
    if (!(m < spans.length && p.start > spans[m][0] && p.start < spans[m][1])) persons.push(p);
  }
  const gender = personGenders(tokens, sentences, persons);
  let lastSpeaker: Speaker | undefined;
  let lastSpeakerAt = -1;
  /**
   * Who "he", "she" or "the official" is at `pos`: the person a reader has in
   * mind — the first person of the right gender named in the nearest sentence
   * before that names one (its subject, usually), unless someone was quoted
   * since, who is still the one talking.
   */
  const antecedent = (pos: number, pronoun?: string, role?: string): Speaker | undefined => {
    if (role) return holderOf(pos, role);
    const want = pronoun ? PRONOUN_GENDER.get(pronoun) : undefined;
    const fits = (name: string) => !want || !gender.has(name) || gender.get(name) === want;
    // People named earlier in the pronoun's own sentence are its objects ("on the subject of Depp, she said").
    const own = sentences[sentenceOf(sentences, pos)];
    const before = own && own.start <= pos ? own.start : pos;
    let k = persons.length - 1;
    while (k >= 0 && persons[k].end > before) k--;
    // A person whose gender the article shows and matches wins over a nearer one it does not show.
    let fallback: Speaker | undefined;
    for (let seen = 0; k >= 0 && seen < 8; seen++) {
      const s = sentences[sentenceOf(sentences, persons[k].start)];
      if (!s) break;
      if (lastSpeaker && lastSpeakerAt > s.end && fits(lastSpeaker.name)) {
        if (!want || gender.get(lastSpeaker.name) === want) return lastSpeaker;
        fallback ??= lastSpeaker;
      }
      let j = k;
      while (j > 0 && persons[j - 1].start >= s.start) j--;
      for (let i = j; i <= k; i++) {
        if (!fits(persons[i].name)) continue;
        if (!want || gender.get(persons[i].name) === want) return asSpeaker(persons[i]);
        fallback ??= asSpeaker(persons[i]);
      }
      k = j - 1;
    }
    if (fallback) return fallback;
    return lastSpeaker && fits(lastSpeaker.name) ? lastSpeaker : undefined;
  };
  /** "the spokesman said": the nearest person before `pos` whose title has that role, within a few sentences. */
  const holderOf = (pos: number, role: string): Speaker | undefined => {
    const from = sentences[Math.max(0, sentenceOf(sentences, pos) - 8)]?.start ?? 0;
    for (let k = tokenAt(persons, pos) - 1; k >= 0 && persons[k].start >= from; k--) {
      const t = persons[k].title;
      if (t && ` ${t.toLowerCase().replace(/[^\p{L}\s-]/gu, ' ').replace(/\s+/g, ' ')} `.includes(` ${role} `)) return asSpeaker(persons[k]);
    }
    return undefined;
  };
  let previousBlockColon: { block: number; speaker?: Speaker } | undefined;
  /** The names of the people mentioned, built the first time a quote needs them. */
  let personNames: Set<string> | undefined;
  /** Quotes left open at a paragraph's end with no attribution of their own → where the next paragraph starts. */
  const continued = new Map<number, number>();
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind === 'skip' || block.kind === 'footnote') continue;
    const marks = marksOf[b];
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
        speakerAfter(text, tokens, closeMark, sentences[sClose], persons, antecedent) ??
        speakerBefore(text, tokens, open, sentences[sOpen], persons, antecedent);
      const attributed = Boolean(speaker);
      // "… stating:" on the line before the quote.
      if (!speaker && previousBlockColon && previousBlockColon.block === b - 1 && open === block.start) speaker = previousBlockColon.speaker;
      // A second quote in the same paragraph with no attribution of its own continues the speaker.
      if (!speaker && blockSpeaker) speaker = blockSpeaker;
      // "Berg said that the team had played well. “We never gave up.”": a quote that is a sentence of its
      // own goes on from the person the sentence before it in the paragraph reports.
      if (!speaker && sOpen > 0 && sentences[sOpen].start >= open - 1 && bareSentence(masked, closeMark, sentences[sClose]) && sentences[sOpen - 1].block === sentences[sOpen].block && sentences[sOpen - 1].start >= block.start) {
        const prev = sentences[sOpen - 1];
        const reported = speakerBefore(text, tokens, prev.end, prev, persons, antecedent);
        personNames ??= new Set(persons.map((p) => p.name));
        if (reported && personNames.has(reported.name)) speaker = reported;
      }
      // A paragraph that opens with a quote nobody is named for goes on from the person the paragraph before is about.
      if (!speaker && open === block.start && b > 0 && persons[tokenAt(persons, blocks[b - 1].start)]?.start < open) speaker = antecedent(open);
      if (speaker) {
        blockSpeaker = speaker;
        lastSpeaker = speaker;
        lastSpeakerAt = open;
      }
      // A quote left open at its paragraph's end goes on in the next one, which may name the speaker.
      if (!attributed && close >= block.end && blocks[b + 1]) continued.set(quotes.length, blocks[b + 1].start);
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
      previousBlockColon = { block: b, speaker: s >= 0 ? speakerBefore(text, tokens, block.end, sentences[s], persons, antecedent) : undefined };
    }
  }
  // "“We will rebuild every home. ¶ “And every school,” Reyes said.": the speaker named at the end of a
  // quote running over several paragraphs said all of it; the last paragraph is settled first.
  for (const i of [...continued.keys()].reverse()) {
    const next = quotes[i + 1];
    if (next?.speaker && next.outer.start === continued.get(i)) {
      quotes[i].speaker = next.speaker;
      quotes[i].speakerSpan = next.speakerSpan;
    }
  }
  return quotes;
}

/** Whether nothing but punctuation follows a quote's closing mark in its sentence: no "she said" left unresolved. */
function bareSentence(masked: string, closeMark: number, s: Sentence | undefined): boolean {
  if (!s) return false;
  for (let i = closeMark; i < s.end; i++) if (LETTER_RE.test(masked[i])) return false;
  return true;
}

function officialAt(persons: PersonMention[], from: number, to: number): PersonMention | undefined {
  // A title reaches at most a few words before its name, so the search starts a little before `from`.
  for (let i = tokenAt(persons, from - 200); i < persons.length && persons[i].span.start < to; i++) {
    if (persons[i].start >= from && persons[i].start < to) return persons[i];
  }
  for (let i = tokenAt(persons, from - 200); i < persons.length && persons[i].span.start < to; i++) {
    if (persons[i].span.start >= from && persons[i].span.start < to) return persons[i];
  }
  return undefined;
}

function asSpeaker(o: PersonMention): Speaker {
  return { name: o.name, span: o.span };
}

/** Attribution after the closing quote: ', Kirby said', ', said Kirby', ', the official stated', ', according to …'. */
function speakerAfter(
  text: string,
  tokens: Token[],
  from: number,
  s: Sentence | undefined,
  officials: PersonMention[],
  last: Antecedent,
): Speaker | undefined {
  if (!s || from >= s.end) return undefined;
  let i = tokenAt(tokens, from);
  const limit = tokenAt(tokens, s.end);
  while (i < limit && tokens[i].kind === 'punct' && tokens[i].text !== '(') i++;
  if (i >= limit) return undefined;
  // Verb first: 'said Kirby', 'emphasized State Department spokesperson Matthew Miller'.
  const verbFirst = ATTRIBUTION_VERBS.at(tokens, i, limit) ?? ATTRIBUTION_PHRASES.at(tokens, i, limit);
  // '…," adding that he would': a participle goes back to the sentence's subject, before the quote.
  if (verbFirst && tokens[i].lower.endsWith('ing') && tokens[i].lower !== 'according') return undefined;
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
    const said = subject(text, tokens, i, j - 1, last) ?? (o ? asSpeaker(o) : undefined);
    if (said) return said;
    // '"…," Park, a Democrat, said': a name the article has not introduced, set off by commas.
    let e = i;
    while (e + 1 < j && tokens[e + 1].kind === 'word' && tokens[e + 1].cap) e++;
    if (tokens[i].kind === 'word' && tokens[i].cap && !NOT_NAMES.has(tokens[i].lower) && tokens[e + 1]?.text === ',' && e - i < 3) {
      return { name: text.slice(tokens[i].start, tokens[e].end), span: { start: tokens[i].start, end: tokens[e].end } };
    }
    return undefined;
  }
  return undefined;
}

/** Attribution before the opening quote in the same sentence: 'Miller said the US was "…"'. */
function speakerBefore(
  text: string,
  tokens: Token[],
  open: number,
  s: Sentence | undefined,
  officials: PersonMention[],
  last: Antecedent,
): Speaker | undefined {
  if (!s || open <= s.start) return undefined;
  const first = tokenAt(tokens, s.start);
  const limit = tokenAt(tokens, open);
  // "Gov. Tom Reyes: “…”": a name and a colon, as transcripts and live pages set a quote.
  if (limit - 2 >= first && tokens[limit - 1].text === ':') {
    const named = officialAt(officials, tokens[first].start, tokens[limit - 1].start);
    if (named && tokenAt(tokens, named.end) === limit - 1) return asSpeaker(named);
  }
  // A verb right before the quote introduces it ('…, Paltrow revealed, "…"'); otherwise the first
  // attribution in the sentence names the speaker: in 'the White House said Israel had told it that …',
  // the White House is speaking.
  let opening = first;
  let v = limit - 1;
  while (v > first && (tokens[v].text === ',' || tokens[v].text === ':' || tokens[v].text === '—')) v--;
  const direct = ATTRIBUTION_VERBS.endingAt(tokens, v, first);
  if (direct && direct.from > first) opening = direct.from;
  for (let j = opening; j < limit; j++) {
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
    // "On the subject of Depp, she said": a pronoun right before the verb is its subject.
    const before = tokens[m.from - 1];
    if (before && m.from - 1 >= first && PRONOUN_GENDER.has(before.lower) && SPEAKER_PRONOUNS.at(tokens, m.from - 1, m.from)) return last(before.start, before.lower);
    // "Walsh said that Swanson … yelled '…'": when the verb before the quote is not the sentence's
    // first, its subject is in the clause after the verb before it. A participle ("…, saying")
    // belongs to the sentence's subject instead.
    let floor = s.start;
    if (opening > first && !tokens[opening].lower.endsWith('ing')) {
      for (let k = opening - 1; k > first; k--) {
        if (ATTRIBUTION_VERBS.endingAt(tokens, k, first)) {
          floor = tokens[k].end;
          break;
        }
      }
    }
    const candidates: PersonMention[] = [];
    for (let k = tokenAt(officials, floor); k < officials.length && officials[k].end <= tokens[m.from].start; k++) candidates.push(officials[k]);
    const nearest = candidates[candidates.length - 1];
    // Right before the verb ("Kirby said", "Kirby, the spokesman, said"), the person is its subject;
    // further off ("Smith, who met Jones, said"), the sentence's first person is.
    // After a comma a participle ("…, saying") belongs to the clause's subject, not the name before it.
    const participle = tokens[m.from].lower.endsWith('ing') && tokens[m.from - 1]?.text === ',';
    if (nearest && !participle && tokenAt(tokens, Math.max(nearest.end, nearest.span.end)) >= m.from - 1) return asSpeaker(nearest);
    // "Paltrow also talked about her friends Jay Z and Beyoncé, saying …": the clause's subject speaks.
    if (nearest) return asSpeaker(candidates[0]);
    // 'said Kirby' inside the sentence before the quote.
    const next = officials[tokenAt(officials, tokens[m.to].end)];
    const afterVerb = next && next.end <= open && tokenAt(tokens, next.start) <= m.to + 6 ? next : undefined;
    if (afterVerb) return asSpeaker(afterVerb);
    // "In comments likely to be seen …, the prime minister said": a verb with no subject is no attribution; read on.
    const said = subject(text, tokens, Math.max(first, m.from - 6), m.from - 1, last);
    if (said) return said;
  }
  // "Tom Hale had a message for his critics: “…”": a colon after a clause whose subject is a person.
  if (tokens[limit - 1]?.text === ':') {
    const opener = officials[tokenAt(officials, s.start)];
    if (opener && opener.end <= tokens[limit - 1].start && tokenAt(tokens, opener.span.start) <= first + 2) return asSpeaker(opener);
  }
  return undefined;
}

/** A short subject before an attribution verb: 'a senior US official', 'the official', 'he'. */
function subject(text: string, tokens: Token[], from: number, to: number, last: Antecedent): Speaker | undefined {
  // Start after the last punctuation so 'In a statement, the ministry said' keeps 'the ministry'.
  let i = from;
  for (let k = to; k >= from; k--) {
    if (tokens[k].kind === 'punct' && tokens[k].text !== '-') {
      i = k + 1;
      break;
    }
  }
  while (i <= to && (CONJUNCTIONS.has(tokens[i].lower) || SPEAKER_ADVERBS.has(tokens[i].lower))) i++;
  if (i > to || to - i > 6) return undefined;
  // "the spokesman", "the former minister": the person the article gave that role.
  if (tokens[i].lower === 'the') {
    const role = ROLES.endingAt(tokens, to, i + 1);
    const holder = role && last(tokens[i].start, undefined, tokens.slice(role.from, role.to + 1).map((t) => t.lower).join(' '));
    if (holder) return holder;
    // "the then prime minister said" where no one was given that title: an office held by one person
    // at a time names the person the article is about, as a pronoun would.
    if (role && SOLE_OFFICES.has(role.value)) {
      const person = last(tokens[i].start);
      if (person) return person;
    }
    // "the actress", "the 54-year-old": a noun standing for the person just named, as a pronoun would.
    if (to - i <= 4 && PERSON_NOUNS.has(tokens[to].lower)) {
      let g: string | undefined;
      for (let k = i + 1; k <= to; k++) g ??= GENDER_WORDS.get(tokens[k].lower);
      const person = last(tokens[i].start, g === 'f' ? 'she' : g === 'm' ? 'he' : undefined);
      if (person) return person;
    }
  }
  // "he said", "she eventually said".
  let end = to;
  while (end > i && (SPEAKER_ADVERBS.has(tokens[end].lower) || tokens[end].lower.endsWith('ly'))) end--;
  const pronoun = SPEAKER_PRONOUNS.at(tokens, i, end + 1);
  if (pronoun && pronoun.to === end && tokens[i].lower !== 'the') return last(tokens[i].start, tokens[i].lower);
  return phraseSpeaker(text, tokens, i, to);
}

/**
 * A speaker named by a phrase ("the ministry", "a senior US official",
 * "officials"): a determiner or a capitalised word opens it, or it is a
 * short run of content words. Pieces of clauses ("which he", "questioning
 * a number of his") are not speakers.
 */
function phraseSpeaker(text: string, tokens: Token[], i: number, to: number): Speaker | undefined {
  const lead = tokens[i];
  if (!lead || lead.kind === 'punct') return undefined;
  for (let k = i; k <= to; k++) {
    const t = tokens[k];
    if (k > i && !t.cap && STOPWORDS.has(t.lower) && !DETERMINERS.has(t.lower) && t.lower !== 'of' && t.lower !== 'and') return undefined;
    if (PRONOUN_GENDER.has(t.lower)) return undefined;
  }
  if (STOPWORDS.has(lead.lower) && !DETERMINERS.has(lead.lower)) return undefined;
  if (!lead.cap && !DETERMINERS.has(lead.lower) && (to - i > 2 || lead.lower.endsWith('ly'))) return undefined;
  if (lead.cap && lead.lower.endsWith('ly')) return undefined;
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
    // "wrote Hale in a blog post": a name ends before a preposition.
    if (tokens[to].cap && tokens[to + 1].kind === 'word' && !tokens[to + 1].cap && NAME_END_PREPOSITIONS.has(tokens[to + 1].lower)) break;
    to++;
  }
  if (from >= limit || tokens[from].kind === 'punct') return undefined;
  if (from === to && (DETERMINERS.has(tokens[from].lower) || STOPWORDS.has(tokens[from].lower))) return undefined;
  // "… adding that he would": a clause, not a speaker.
  if (tokens[from].lower === 'that' || tokens[from].lower === 'how' || tokens[from].lower === 'what') return undefined;
  const span = { start: tokens[from].start, end: tokens[to].end };
  return { name: text.slice(span.start, span.end), span };
}
