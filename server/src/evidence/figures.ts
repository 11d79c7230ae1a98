// Contradicted figures: an article figure and a source figure count the same
// thing (same class, same head noun for plain counts, the same event told in
// similar words) and their intervals cannot both hold. Time decides how much
// that means: running totals (data/cumulative.json) may rise between two
// reports, so only a difference time cannot explain is a same-time
// contradiction; where dates are unknown it is information. When some
// sources agree with the figure and others do not, the figure is disputed.

import { ofSentence } from '../analysis/bySentence.js';
import { EVENT_CLASSES } from '../analysis/lexicon.js';
import { compatible } from '../analysis/numbers.js';
import { describeFigure } from '../analysis/describe.js';
import type { Figure, FigureClass } from '../analysis/types.js';
import type { Source } from '../corpus/corpus.js';
import type { Passage } from '../corpus/passages.js';
import { term } from '../corpus/terms.js';
import { ref, type EvidenceContext } from './context.js';
import cumulative from './data/cumulative.json';
import scope from './data/scope.json';
import units from './data/units.json';
import { daysBetween, OTHER_FIGURE_WINDOW_DAYS, SAME_TIME_DAYS, sourceDate } from './dates.js';
import { findingLabel } from './findingKinds.js';
import type { Finding, Tier } from './types.js';

/** Classes whose figures only count the same thing when their nouns agree ("1,400 potholes" is not "1,400 homes"). */
const BY_HEAD = new Set<FigureClass>(['count', 'people', 'structures', 'weapons', 'aid', 'distance']);
/** Units per class, as multiples of the class's base unit (durations in days, distances in km). */
const UNITS: Partial<Record<FigureClass, Record<string, number>>> = { duration: units.duration, distance: units.distance };
/** Running totals: a later report may be higher. */
const CUMULATIVE = new Set<FigureClass>(cumulative.classes as FigureClass[]);
/** Nouns of a running total that count everyone; any other noun counts a part ("commanders", "children"). */
const WHOLE = new Set(cumulative.wholeHeads);

/** How sure we must be that two figures describe the same thing before calling them contradictory. */
export const SAME_THING = 0.3;
/** A compatible figure this close to the best conflicting one means the article agrees with some source. */
const AGREEMENT_MARGIN = 0.15;
/** What an agreeing second figure in both sentences adds to sameness. */
const ALONGSIDE = 0.15;
/** Orders of magnitude apart usually means a different scope ("a strike killed 35" vs "the war killed 34,789"). */
const FAR_APART = 50;
/** How much surer we must be when one figure counts an incident and the other a running total, or they are far apart. */
const SCOPE_PENALTY = 0.15;
/** An article this unlike every source is on another story: none of its figures can contradict them. */
const OTHER_STORY = 0.1;
/** What the same thing measured ("pause" in "21-day pause" and "21-week pause") adds to sameness. */
const SAME_MEASURED = 0.15;
/** What a typical slip adds to sameness: the same number in another unit, or a digit dropped or added ("140" for "1,400"). */
const SLIP = 0.15;

const alt = (list: string[]) => list.map((w) => w.replace(/ /g, '\\s+')).join('|');
const INCIDENT_RE = new RegExp(
  `\\b(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,2}(?:${alt(scope.incidentNouns)})\\b|\\b(?:${alt(scope.incidentWords)})\\b`,
  'iu',
);

/** Whether a sentence tells of one incident rather than a running total. */
export function isIncident(sentence: string): boolean {
  return INCIDENT_RE.test(sentence);
}

export interface FigurePair {
  passage: Passage;
  figure: Figure;
  /** How likely the two describe the same thing (0–1). */
  sameness: number;
  compatible: boolean;
  /** One counts an incident, the other a running total. */
  otherScope: boolean;
}

/** Whether two figures count the same kind of thing. */
export function sameKind(a: Figure, b: Figure): boolean {
  if (a.class !== b.class) return false;
  const table = UNITS[a.class];
  if (table && table[a.head] !== undefined && table[b.head] !== undefined) return true;
  if (a.class === 'duration') return false;
  if (a.class === 'money' || a.class === 'percentage') return a.unit === b.unit;
  if (BY_HEAD.has(a.class)) return a.head !== '' && a.head === b.head;
  return true;
}

/** The figure's interval in its class's base unit (durations in days, distances in km). */
function bounds(f: Figure): [number | null, number | null] {
  const k = UNITS[f.class]?.[f.head] ?? 1;
  // Conversion factors are rounded (an hour is 0.0416667 days): a millionth of slack keeps 504 hours equal to 21 days.
  const slack = k === 1 ? 0 : 1e-6;
  return [f.low === null ? null : f.low * k * (1 - slack), f.high === null ? null : f.high * k * (1 + slack)];
}

export function figuresAgree(a: Figure, b: Figure): boolean {
  return compatible(bounds(a), bounds(b));
}

const stems = new Map<string, string | undefined>();
const verbStem = (v: string | undefined) => {
  if (!v) return undefined;
  let t = stems.get(v);
  if (t === undefined && !stems.has(v)) {
    t = term(v.split(' ').at(-1)!);
    if (stems.size > 10000) stems.clear();
    stems.set(v, t);
  }
  return t;
};

/** What a measure counts besides its unit: "pause" in "21-day pause". */
function measured(f: Figure): string {
  if (!UNITS[f.class]) return '';
  return f.counts
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && !w.startsWith(f.head))
    .join(' ');
}

/** For running totals: whether one figure counts a part of what the other counts ("140 commanders" of "1,400 people"), or another part altogether. */
function partOf(f: Figure, g: Figure): 'same' | 'f-part' | 'g-part' | 'unrelated' {
  if (!CUMULATIVE.has(f.class)) return 'same';
  const fw = WHOLE.has(f.head);
  const gw = WHOLE.has(g.head);
  if (fw && gw) return 'same';
  if (!fw && !gw) return f.head === g.head ? 'same' : 'unrelated';
  return fw ? 'g-part' : 'f-part';
}

/** Whether `a` lies entirely at or below `b`'s upper end. */
function below(a: Figure, b: Figure): boolean {
  const [, aHigh] = bounds(a);
  const [, bHigh] = bounds(b);
  return aHigh !== null && (bHigh === null || aHigh <= bHigh);
}

/** The significant digits of a number as written ("1,400" → "14", "34,789" → "34789"). */
function digits(n: number): string {
  return String(Math.round(Math.abs(n))).replace(/0+$/, '');
}

/**
 * Whether two figures look like one number with a slip: the same number in
 * another unit ("21-week" for "21-day"), or the same digits ten times apart
 * or with one digit dropped ("140" for "1,400", "3,478" for "34,789").
 * Numbers of one digit are too common to say anything.
 */
export function isSlip(f: Figure, g: Figure): boolean {
  if (f.vague || g.vague || !f.nominal || !g.nominal) return false;
  if (f.nominal === g.nominal) return f.head !== g.head && UNITS[f.class]?.[f.head] !== undefined && f.nominal >= 10;
  // One digit, no more: "14 commanders" is not a slip for "1,400 people".
  const ratio = Math.max(f.nominal, g.nominal) / Math.min(f.nominal, g.nominal);
  if (ratio < 5 || ratio > 15) return false;
  const a = digits(f.nominal);
  const b = digits(g.nominal);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2) return false;
  return short === long || (long.length === short.length + 1 && long.startsWith(short));
}

/**
 * What the pairs of one article sentence share, computed once for all its
 * figures: whether it tells of an incident, and for each candidate passage
 * the sentence's figures that agree with one of the passage's (so each
 * figure's "another figure agrees" costs a lookup, not a rescan of the
 * sentence: on a sentence of many figures that rescan cost their square).
 */
interface SentencePairs {
  incident: boolean;
  agreeing: Map<Passage, Set<Figure>>;
}

const bySentence = new WeakMap<EvidenceContext, Map<number, SentencePairs>>();
const passageIncident = new WeakMap<Passage, boolean>();

function sentencePairs(ctx: EvidenceContext, sentence: number): SentencePairs {
  let cache = bySentence.get(ctx);
  if (!cache) bySentence.set(ctx, (cache = new Map()));
  let sp = cache.get(sentence);
  if (!sp) {
    const s = ctx.analysis.sentences[sentence];
    const mine = ofSentence(ctx.analysis.figures, sentence).filter((x) => !x.vague);
    const agreeing = new Map<Passage, Set<Figure>>();
    for (const p of ctx.candidates(sentence)) {
      const theirs = p.figures.filter((y) => !y.vague);
      ctx.work.comparisons += mine.length * theirs.length;
      agreeing.set(p, new Set(mine.filter((x) => theirs.some((y) => sameKind(x, y) && figuresAgree(x, y)))));
    }
    sp = { incident: isIncident(ctx.text.slice(s.start, s.end)), agreeing };
    cache.set(sentence, sp);
  }
  return sp;
}

function incidentPassage(p: Passage): boolean {
  let v = passageIncident.get(p);
  if (v === undefined) passageIncident.set(p, (v = isIncident(p.source.text.slice(p.start, p.end))));
  return v;
}

/** Every source figure that counts the same kind of thing as `f`, with how likely it is the same thing. */
export function pairsFor(ctx: EvidenceContext, f: Figure): FigurePair[] {
  const { incident, agreeing } = sentencePairs(ctx, f.sentence);
  const what = measured(f);
  const pairs: FigurePair[] = [];
  for (const p of ctx.candidates(f.sentence)) {
    ctx.work.comparisons += p.figures.length;
    // Another figure of the two sentences that agrees ("in less than three weeks" in both) ties them to one event.
    const agree = agreeing.get(p)!;
    const alongside = agree.size - (agree.has(f) ? 1 : 0) > 0 ? 1 : 0;
    const otherScope = incident !== incidentPassage(p);
    // What depends on the passage only, computed for its first figure that counts.
    let shared: { words: number; doc: number; entities: number } | undefined;
    for (const g of p.figures) {
      // Vague amounts meet only in the same kind: a "hundreds" against a "dozens" or a figure (see timeVerdict).
      if ((g.vague && !f.vague && !CUMULATIVE.has(f.class)) || !sameKind(f, g)) continue;
      const part = partOf(f, g);
      if (part === 'unrelated') continue;
      // One strike's dead are not the war's running total.
      if (otherScope && CUMULATIVE.has(f.class)) continue;
      shared ??= { words: ctx.wordingSimilarity(f.sentence, p), doc: ctx.docSimilarity(p.source), entities: Math.min(1, ctx.sharedEntities(f.sentence, p) / 2) };
      const { words, doc, entities } = shared;
      // The same verb, or at least the same kind of event told with other words ("killed" and "fatalities").
      const verb = f.verb && g.verb && verbStem(f.verb) === verbStem(g.verb) ? 1 : EVENT_CLASSES.has(f.class) ? 0.5 : 0;
      const same = what && what === measured(g) ? SAME_MEASURED : 0;
      const sameness = 0.45 * words + 0.35 * doc + 0.1 * verb + 0.1 * entities + ALONGSIDE * alongside + same + (isSlip(f, g) ? SLIP : 0);
      // A part may be smaller than the whole it belongs to.
      const fits = figuresAgree(f, g) || (part === 'f-part' && below(f, g)) || (part === 'g-part' && below(g, f));
      pairs.push({ passage: p, figure: g, sameness, compatible: fits, otherScope });
    }
  }
  return pairs.sort((a, b) => b.sameness - a.sameness);
}

/**
 * What time says about two figures that cannot both hold: `consistent` when a
 * running total rising between the two dates explains it, `same-time` when
 * nothing can, `time` when a difference in time (or dates nobody knows) could.
 */
export function timeVerdict(f: Figure, g: Figure, articleDate: string | undefined, source: Source): Tier | 'consistent' {
  const d = daysBetween(articleDate, sourceDate(source));
  const sameDay = d !== undefined && Math.abs(d) <= SAME_TIME_DAYS;
  if (CUMULATIVE.has(f.class)) {
    if (d === undefined) return 'time';
    if (sameDay) return 'same-time';
    const [low] = bounds(f);
    const [, high] = bounds(g);
    const articleHigher = low !== null && high !== null && low > high;
    // A later report may be higher; a toll that falls, or an earlier report larger than a later one, cannot be.
    if (articleHigher === d < 0) return 'consistent';
    // Months apart, a lower toll more likely counts another front or period than the same one wrongly.
    return f.vague || g.vague || Math.abs(d) > OTHER_FIGURE_WINDOW_DAYS ? 'time' : 'same-time';
  }
  // A vague amount holds against a figure only on the same day ("dozens" against "hundreds").
  if (f.vague || g.vague) return sameDay ? 'same-time' : 'time';
  if (d !== undefined && Math.abs(d) > OTHER_FIGURE_WINDOW_DAYS) return 'time';
  return 'same-time';
}

interface Judged extends FigurePair {
  verdict: Tier;
}

export function contradictedFigures(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const f of ctx.analysis.figures) {
    if (ctx.analysis.sentences[f.sentence].kind === 'footnote') continue;
    const pairs = pairsFor(ctx, f);
    const conflicts: Judged[] = [];
    for (const p of pairs) {
      if (p.compatible || p.sameness < threshold(f, p) || ctx.docSimilarity(p.passage.source) < OTHER_STORY) continue;
      const verdict = timeVerdict(f, p.figure, ctx.date, p.passage.source);
      if (verdict !== 'consistent') conflicts.push({ ...p, verdict });
    }
    if (!conflicts.length) continue;
    // The contradictions that hold at the same time come first: they decide the tier.
    const sameTime = conflicts.filter((c) => c.verdict === 'same-time');
    const ranked = sameTime.length ? [...sameTime, ...conflicts.filter((c) => c.verdict !== 'same-time')] : conflicts;
    const best = ranked[0];
    const agree = agreement(ctx, f, pairs, best);
    if (agree && agree.sameness >= Math.max(SAME_THING, best.sameness - AGREEMENT_MARGIN)) {
      // Some sources agree, others do not: show the dispute, unless time explains it.
      const against = sameTime.filter((c) => c.passage.source !== agree.passage.source);
      if (against.length) findings.push(disputed(f, agree, against));
      continue;
    }
    const g = best.figure;
    const source = best.passage.source;
    const why =
      best.verdict === 'time'
        ? ` A ${CUMULATIVE.has(f.class) ? 'running total changes' : 'figure can change'} over time, and ${datesNote(ctx.date, sourceDate(source))}.`
        : '';
    findings.push({
      kind: 'contradicted-figure',
      tier: best.verdict,
      start: f.start,
      end: f.end,
      message: `${capitalized(findingLabel({ kind: 'contradicted-figure', tier: best.verdict }))}: "${f.text}" (read as ${describeFigure(f)}) cannot be reconciled with "${g.text}" (read as ${describeFigure(g)}) in ${source.label}.${why}`,
      sourceId: source.id,
      sourcePath: source.path,
      sourceStart: g.start,
      sourceEnd: g.end,
      sources: ranked.map((c) => ref(c.passage.source, c.figure)),
      replacement: g.vague || f.vague ? undefined : { start: f.value.start, end: f.value.end, text: source.text.slice(g.value.start, g.value.end) },
    });
  }
  return findings;
}

/**
 * The best source figure that agrees with `f`. A running total reported
 * earlier than the conflicting source is out of date: agreeing with it
 * settles nothing.
 */
function agreement(ctx: EvidenceContext, f: Figure, pairs: FigurePair[], conflict: FigurePair): FigurePair | undefined {
  const newer = sourceDate(conflict.passage.source);
  // Only a conflicting report published by the article's time can make an older agreeing one stale.
  const stale = CUMULATIVE.has(f.class) && newer !== undefined && (daysBetween(newer, ctx.date) ?? -1) >= -SAME_TIME_DAYS;
  return pairs.find((p) => {
    if (!p.compatible) return false;
    if (!stale) return true;
    const d = daysBetween(newer, sourceDate(p.passage.source));
    return d === undefined || d >= -SAME_TIME_DAYS;
  });
}

function disputed(f: Figure, agree: FigurePair, against: Judged[]): Finding {
  const a = agree.passage.source;
  const g = against[0].figure;
  const other = against[0].passage.source;
  return {
    kind: 'disputed-figure',
    tier: 'same-time',
    start: f.start,
    end: f.end,
    message: `Disputed figure: the sources disagree. ${a.id} has "${agree.figure.text}" (read as ${describeFigure(agree.figure)}), which agrees with "${f.text}"; ${other.id} has "${g.text}" (read as ${describeFigure(g)})${against.length > 1 ? `, and ${against.length - 1} more passage${against.length > 2 ? 's' : ''} disagree` : ''}.`,
    sourceId: other.id,
    sourcePath: other.path,
    sourceStart: g.start,
    sourceEnd: g.end,
    sources: [...against.map((c) => ref(c.passage.source, c.figure)), ref(a, agree.figure)],
  };
}

function datesNote(articleDate: string | undefined, date: string | undefined): string {
  if (!articleDate && !date) return 'neither date is known';
  if (!articleDate) return "this article's date is not known";
  if (!date) return "the source's date is not known";
  return `the two are ${Math.abs(daysBetween(articleDate, date)!)} days apart`;
}

function threshold(f: Figure, pair: FigurePair): number {
  const a = Math.max(1e-9, Math.abs(f.nominal));
  const b = Math.max(1e-9, Math.abs(pair.figure.nominal));
  const far = Math.max(a, b) / Math.min(a, b) >= FAR_APART;
  return SAME_THING + (far ? SCOPE_PENALTY : 0) + (pair.otherScope ? SCOPE_PENALTY : 0);
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
