// Corroboration: the passages that support a claim (a part of a sentence,
// see analysis/claims.ts), ranked by a support score.
//
// The score (0–1) adds up what a passage shares with the claim:
//   0.60 × coverage   the share of the claim's content (IDF-weighted words, each
//                     standing for its meaning: "killed" ~ "fatalities") the passage says
//   0.15 × predicate  the same share counting only what the claim says happened
//                     (its lower-case words outside names and titles)
//   0.10 per shared entity (a person, organisation or place; countries count half), at most 0.2
//   0.20 when a figure of the same kind agrees (0.3 for two or more)
//   0.40 when the passage has the claim's quote word for word
// capped at 1. A passage supports the claim when the score reaches
// SUPPORT_THRESHOLD and, unless it quotes the claim, it shares an entity (or
// says a long claim nearly word for word) and part of the predicate; a figure
// that agrees counts only when the passage names the place the part says it
// happened in and one of the part's own names; a passage that says the opposite (negates what the
// claim asserts, or says only that it could happen) or has a figure of the
// same kind that disagrees never supports it. The lens, the hover and the CLI
// all show the same list, so they share this one threshold.

import type { Claim, Figure, Quote } from '../analysis/types.js';
import { tokenTerm } from '../corpus/terms.js';
import { figureTerm, type Passage } from '../corpus/passages.js';
import { MONTHS, WEEKDAYS } from '../analysis/lexicon.js';
import { tokenize } from '../analysis/text.js';
import { featuresOf, ref, type EvidenceContext } from './context.js';
import { figuresAgree, sameKind } from './figures.js';
import { conceptWordings, conflict, placesOf, read, readText, type Reading } from './paraphrase.js';
import { quoteSupportedBy, quoteWords } from './quotes.js';
import type { Finding, Support } from './types.js';
import { Recent } from './recent.js';

/** The score a passage needs to count as support (see the scale above). */
export const SUPPORT_THRESHOLD = 0.5;
/** Share of the claim's predicate a passage must have: the same people and places doing something else is not support. */
const PREDICATE = 0.25;
const MAX_SUPPORT = 5;
/** Share of a claim's content (and of its predicate) a near-verbatim passage says, and how many content words the claim needs for that to mean anything. */
const VERBATIM = 0.9;
const VERBATIM_TERMS = 6;
/** How many of a claim part's rarest terms (and their other wordings) retrieve its candidates, and how many. */
const QUERY_TERMS = 8;
const EXPANSIONS = 6;
const CANDIDATES = 40;

interface ClaimView {
  reading: Reading;
  entities: Set<string>;
  /** The entities the part itself names, and those of them that are not countries: where and whom it is about. */
  own: Set<string>;
  ownNames: string[];
  /** The places the part says its events happened in. */
  where: string[];
  nameTerms: Set<string>;
  weights: [term: string, weight: number, predicate: boolean, concept: string][];
  /** The weights' concepts, weights and predicate flags as plain arrays, in the same order: judge's loop over every candidate. */
  concepts: string[];
  conceptWeights: Float64Array;
  predicates: Uint8Array;
  total: number;
  predicateTotal: number;
}

const WORDINGS = conceptWordings();
const WHEN = new Set([...WEEKDAYS, ...MONTHS].map((w) => `name:${w}`));
const readings = new WeakMap<Passage, Reading & { entities: Set<string> }>();

/** A passage's reading; a sentence that ends with a colon is read with the one it introduces. */
function passageReading(ctx: EvidenceContext, p: Passage): Reading & { entities: Set<string> } {
  let r = readings.get(p);
  if (!r) {
    let end = p.end;
    let entities = p.entities;
    if (/:\s*$/.test(p.source.text.slice(p.start, p.end))) {
      const next = ctx.corpus.passages.passagesOf(p.source).find((q) => q.sentence === p.sentence + 1);
      if (next) (end = next.end), (entities = [...entities, ...next.entities]);
    }
    r = { ...readText(p.source.text, p.start, end), entities: new Set(entities) };
    readings.set(p, r);
  }
  return r;
}

/** A country is named in most sentences of a story: it weighs as a word in a tenth of the passages. */
const COUNTRY_WEIGHT = Math.log(11);

/**
 * The passages that support a claim, best first. `against` are the findings
 * on the claim (overlapping it): a passage they disagree with (a figure, a
 * quote, a title in it) never supports it.
 */
export function supportFor(ctx: EvidenceContext, claim: Claim, against: Finding[]): Support[] {
  const figures = claim.figures.map((i) => ctx.analysis.figures[i]).filter((f) => !f.vague);
  const quotes = claim.quotes
    .map((i) => ({ quote: ctx.analysis.quotes[i], words: quoteWords(ctx.text, ctx.analysis.quotes[i]) }))
    .filter((q): q is QuoteWords => q.words !== undefined);
  const disputed = against.flatMap((f) => f.sources);
  const view = claimView(ctx, claim);
  const out: Judged[] = [];
  for (const p of candidates(ctx, claim, view)) {
    if (disputed.length && disputed.some((d) => d.sourcePath === p.source.path && d.start < p.end && d.end > p.start)) continue;
    const s = judge(ctx, view, p, figures, quotes);
    if (s) out.push(s);
  }
  // Only the passages shown are explained.
  return out
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUPPORT)
    .map((j) => explain(view, j));
}

/**
 * For each claim (in the order of the text), the findings that overlap it,
 * in the findings' order. Findings come sorted by start; a sweep with the
 * longest finding's length as reach keeps this linear in practice.
 */
export function findingsOn(claims: Claim[], findings: Finding[]): Finding[][] {
  const reach = findings.reduce((n, f) => Math.max(n, f.end - f.start), 0);
  return claims.map((c) => {
    // The first finding that starts at or after the claim's end: none from there on overlaps.
    let lo = 0;
    let hi = findings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (findings[mid].start < c.end) lo = mid + 1;
      else hi = mid;
    }
    const out: Finding[] = [];
    for (let i = lo - 1; i >= 0 && findings[i].start + reach > c.start; i--) if (findings[i].end > c.start) out.push(findings[i]);
    return out.reverse();
  });
}

function claimView(ctx: EvidenceContext, claim: Claim): ClaimView {
  const idf = ctx.corpus.passages.idf;
  // A part is about its sentence's actors ("Following Israel's strikes, which led to 1,400 deaths"): the sentence's features serve every part.
  const f = ctx.sentence(claim.sentence);
  const { reading, where } = partReading(ctx.text.slice(claim.start, claim.end));
  // Days and months are when, not who: "on Wednesday" links nothing.
  const entities = new Set([...f.entities].filter((e) => !WHEN.has(e)));
  const weights: ClaimView['weights'] = [...reading.terms].map(([t, c]) => [t, t.startsWith('country:') ? COUNTRY_WEIGHT : idf.weight(t), reading.lower.has(t) && !f.nameTerms.has(t), c]);
  const own = claim.start === ctx.analysis.sentences[claim.sentence].start && claim.end === ctx.analysis.sentences[claim.sentence].end ? f : featuresOf(ctx.text, claim, ctx.analysis);
  const ownEntities = new Set([...own.entities].filter((e) => entities.has(e)));
  const ownNames = [...ownEntities].filter((e) => !e.startsWith('country:'));
  return {
    reading,
    entities,
    own: ownEntities,
    ownNames,
    where,
    nameTerms: f.nameTerms,
    weights,
    concepts: weights.map(([, , , c]) => c),
    conceptWeights: Float64Array.from(weights, ([, w]) => w),
    predicates: Uint8Array.from(weights, ([, , pred]) => (pred ? 1 : 0)),
    total: weights.reduce((n, [, w]) => n + w, 0),
    predicateTotal: weights.reduce((n, [, w, pred]) => (pred ? n + w : n), 0),
  };
}

/** How many claim parts' readings are kept across checks. */
const REMEMBERED_PARTS = 4096;
const partReadings = new Recent<{ reading: Reading; where: string[] }>(REMEMBERED_PARTS);

/** A claim part's reading and the places it names, kept by its words across checks: both depend on the words alone, and a keystroke leaves most parts as they were. */
function partReading(text: string): { reading: Reading; where: string[] } {
  return partReadings.get(text, () => {
    const tokens = tokenize(text);
    return { reading: read(tokens), where: placesOf(tokens) };
  });
}

/**
 * The sentence's candidates, and the passages the part's own rarest terms
 * find together with the other wordings of what it says ("fatalities" for
 * "killed"). Common terms cost the most to look up and find the least: only
 * terms in few passages retrieve.
 */
function candidates(ctx: EvidenceContext, claim: Claim, view: ClaimView): Passage[] {
  const sentence = ctx.candidates(claim.sentence);
  const idf = ctx.corpus.passages.idf;
  const common = ctx.common;
  const rare = (t: string) => idf.count(t) > 0 && idf.count(t) <= common;
  const known = ctx.memo.wordings;
  const others = new Map<string, number>();
  for (const c of view.concepts) {
    let found = known.get(c);
    if (!found) known.set(c, (found = wordings(c).filter(rare).map((w): [string, number] => [w, idf.weight(w)])));
    for (const [w, weight] of found) if (!view.reading.terms.has(w)) others.set(w, weight);
  }
  const expansions = [...others].sort((a, b) => b[1] - a[1]).slice(0, EXPANSIONS).map(([t]) => t);
  const own = view.weights.filter(([t]) => rare(t)).sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS).map(([t]) => t);
  // The sentence's rare terms, rarest first (the sort is stable: filtering before or after it gives the same list).
  const asked = ctx.ranked(claim.sentence).filter(rare).slice(0, QUERY_TERMS);
  // What the sentence's query already asked retrieves nothing new: a part asks for its other wordings and its own rare terms, with its three rarest terms to rank by.
  const fresh = own.filter((t) => !asked.includes(t));
  if (!expansions.length && !fresh.length) return sentence;
  const figures = claim.figures.map((i) => figureTerm(ctx.analysis.figures[i].class)).filter((t) => idf.count(t) <= common);
  const terms = [...new Set([...own.slice(0, 3), ...fresh, ...expansions, ...figures])];
  const out = [...new Set(sentence)];
  const seen = new Set(out);
  for (const p of ctx.query(terms, CANDIDATES)) if (!seen.has(p)) (seen.add(p), out.push(p));
  return out;
}

interface QuoteWords {
  quote: Quote;
  words: NonNullable<ReturnType<typeof quoteWords>>;
}

/** A passage that supports a claim part: its score, and what explain() says why with. */
interface Judged {
  p: Passage;
  r: Reading & { entities: Set<string> };
  score: number;
  coverage: number;
  quoted: boolean;
  agreeing: number;
  /** The part's figures a figure of the passage agrees with, as the article writes them. */
  shared: string[];
  entities: number;
  sameSubject: boolean;
}

function judge(ctx: EvidenceContext, claim: ClaimView, p: Passage, figures: Figure[], quotes: QuoteWords[]): Judged | undefined {
  const r = passageReading(ctx, p);
  let both = 0;
  let predicate = 0;
  const { concepts, conceptWeights, predicates } = claim;
  for (let i = 0; i < concepts.length; i++) {
    if (!r.concepts.has(concepts[i])) continue;
    both += conceptWeights[i];
    if (predicates[i]) predicate += conceptWeights[i];
  }
  const coverage = claim.total ? both / claim.total : 0;
  const predicateShare = claim.predicateTotal ? predicate / claim.predicateTotal : 0;
  // Most candidates share a word or two: when even every figure, quote and actor agreeing could not lift the score to the threshold, stop here.
  const best = 0.6 * coverage + 0.15 * predicateShare + 0.2 + (figures.length >= 2 ? 0.3 : figures.length ? 0.2 : 0) + (quotes.length ? 0.4 : 0);
  if (best < SUPPORT_THRESHOLD) return undefined;
  let agreeing = 0;
  const shared: string[] = [];
  // A figure that agrees is evidence only about the same thing: "1.2 million displaced in Rafah" is not "a million displaced" in a passage that never names Rafah;
  // nor do the other actors of the sentence make it about the same thing.
  const sameSubject = (!claim.ownNames.length || claim.ownNames.some((e) => r.entities.has(e))) && (!claim.where.length || claim.where.some((e) => r.entities.has(e)));
  for (const f of figures) {
    let agrees = false;
    for (const g of p.figures) {
      if (g.vague || !sameKind(f, g)) continue;
      // A figure of the same kind that disagrees means the passage is about something else or contradicts.
      if (!figuresAgree(f, g)) return undefined;
      agrees = true;
    }
    if (agrees && sameSubject) {
      agreeing++;
      shared.push(ctx.text.slice(f.start, f.end));
    }
  }
  // The same words given to another person do not corroborate the quote.
  const quoted = quotes.some((q) => quoteSupportedBy(ctx, q.quote, q.words, p));
  if (!quoted && conflict(claim.reading, r)) return undefined;
  let entities = 0;
  for (const e of sameSubject ? claim.entities : claim.own) if (r.entities.has(e)) entities += e.startsWith('country:') ? 0.5 : 1;
  const score = Math.min(
    1,
    0.6 * coverage + 0.15 * predicateShare + 0.1 * Math.min(entities, 2) + (agreeing >= 2 ? 0.3 : agreeing ? 0.2 : 0) + (quoted ? 0.4 : 0),
  );
  // Several agreeing figures stand on their own; otherwise the passage names a shared actor (a country alone only when it says most of the claim).
  // A long sentence said again nearly word for word stands on its own, even when it names no one ("The port reopened after the storm, the harbor authority said").
  const verbatim = claim.weights.length >= VERBATIM_TERMS && coverage >= VERBATIM && predicateShare >= VERBATIM;
  const actorsAgree = agreeing >= 2 || entities >= 1 || (entities > 0 && coverage >= 0.5) || verbatim;
  if (!quoted && (score < SUPPORT_THRESHOLD || !actorsAgree || (predicateShare < PREDICATE && !agreeing))) return undefined;
  if (quoted && score < SUPPORT_THRESHOLD) return undefined;
  return { p, r, score, coverage, quoted, agreeing, shared, entities, sameSubject };
}

/** The support as shown: the passage, its score, and why it supports (shared figure, same speaker, matching event, same actors). */
function explain(claim: ClaimView, { p, r, score, coverage, quoted, agreeing, shared, entities, sameSubject }: Judged): Support {
  const actors: string[] = [];
  for (const e of sameSubject ? claim.entities : claim.own) {
    if (!r.entities.has(e)) continue;
    const name = e.slice(e.indexOf(':') + 1);
    actors.push(e.startsWith('name:') ? name.charAt(0).toUpperCase() + name.slice(1) : name);
  }
  const events: string[] = [];
  for (const [, , pred, c] of claim.weights) {
    const theirs = r.words.get(c);
    const mine = claim.reading.words.get(c);
    // Only other words for the same thing explain a match: "killed ~ fatalities", not "ceasefire ~ cease-fire".
    if (pred && c.startsWith('~') && theirs && mine && tokenTerm(theirs) !== tokenTerm(mine)) events.push(`${mine.text} ~ ${theirs.text}`);
  }
  const reasons: Support['reasons'] = [];
  const why: string[] = [];
  if (quoted) (reasons.push('quote'), why.push('the same quote'));
  if (agreeing) (reasons.push('figure'), why.push(`shared figure: ${shared.join(', ')}`));
  const speakers = p.officials.map((o) => o.name).filter((n) => claim.entities.has(`person:${n}`));
  if (speakers.length) why.push(`same speaker: ${[...new Set(speakers)].join(', ')}`);
  if (coverage >= 0.3) reasons.push('wording');
  if (events.length) why.push(`matching event: ${[...new Set(events)].slice(0, 3).join(', ')}`);
  if (entities) (reasons.push('entities'), why.push(`same actors: ${[...new Set(actors)].slice(0, 3).join(', ')}`));
  return { ...ref(p.source, p), score, reasons, why };
}

/** Every wording of a concept, as terms (stems) the index knows. */
function wordings(c: string): string[] {
  return c.startsWith('~') ? [...(WORDINGS.get(c) ?? [])] : [];
}
