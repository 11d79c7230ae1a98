// Contradicted figures: an article figure and a source figure count the same
// thing (same class, same head noun for plain counts, the same event told in
// similar words) and their intervals cannot both hold.

import { EVENT_CLASSES } from '../analysis/lexicon.js';
import { compatible } from '../analysis/numbers.js';
import { describeInterval } from '../analysis/readings.js';
import type { Figure, FigureClass } from '../analysis/types.js';
import type { Passage } from '../corpus/passages.js';
import { term } from '../corpus/terms.js';
import { ref, type EvidenceContext } from './context.js';
import scope from './data/scope.json';
import type { Finding } from './types.js';

/** Classes whose figures only count the same thing when their nouns agree ("1,400 potholes" is not "1,400 homes"). */
const BY_HEAD = new Set<FigureClass>(['count', 'people', 'structures', 'weapons', 'aid', 'distance']);
const DAYS: Record<string, number> = { second: 1 / 86400, minute: 1 / 1440, hour: 1 / 24, night: 1, day: 1, week: 7, weekend: 2, fortnight: 14, month: 30.4, year: 365, decade: 3652, century: 36524 };

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
  if (a.class === 'duration') return DAYS[a.head] !== undefined && DAYS[b.head] !== undefined;
  if (a.class === 'money' || a.class === 'percentage') return a.unit === b.unit;
  if (BY_HEAD.has(a.class)) return a.head !== '' && a.head === b.head;
  return true;
}

/** The figure's interval in a common unit (durations in days). */
function bounds(f: Figure): [number | null, number | null] {
  const k = f.class === 'duration' ? DAYS[f.head] ?? 1 : 1;
  return [f.low === null ? null : f.low * k, f.high === null ? null : f.high * k];
}

export function figuresAgree(a: Figure, b: Figure): boolean {
  return compatible(bounds(a), bounds(b));
}

const verbStem = (v: string | undefined) => (v ? term(v.split(' ').at(-1)!) : undefined);

/** Every source figure that counts the same kind of thing as `f`, with how likely it is the same thing. */
export function pairsFor(ctx: EvidenceContext, f: Figure): FigurePair[] {
  const s = ctx.analysis.sentences[f.sentence];
  const incident = isIncident(ctx.text.slice(s.start, s.end));
  const others = ctx.analysis.figures.filter((x) => x !== f && x.sentence === f.sentence && !x.vague);
  const pairs: FigurePair[] = [];
  for (const p of ctx.candidates(f.sentence)) {
    // Another figure of the two sentences that agrees ("in less than three weeks" in both) ties them to one event.
    const alongside = others.some((x) => p.figures.some((y) => !y.vague && sameKind(x, y) && figuresAgree(x, y))) ? 1 : 0;
    for (const g of p.figures) {
      if (g.vague || !sameKind(f, g)) continue;
      const words = ctx.wordingSimilarity(f.sentence, p);
      const doc = ctx.docSimilarity(p.source);
      // The same verb, or at least the same kind of event told with other words ("killed" and "fatalities").
      const verb = f.verb && g.verb && verbStem(f.verb) === verbStem(g.verb) ? 1 : EVENT_CLASSES.has(f.class) ? 0.5 : 0;
      const entities = Math.min(1, ctx.sharedEntities(f.sentence, p) / 2);
      const sameness = 0.45 * words + 0.35 * doc + 0.1 * verb + 0.1 * entities + ALONGSIDE * alongside;
      const otherScope = incident !== isIncident(p.source.text.slice(p.start, p.end));
      pairs.push({ passage: p, figure: g, sameness, compatible: figuresAgree(f, g), otherScope });
    }
  }
  return pairs.sort((a, b) => b.sameness - a.sameness);
}

export function contradictedFigures(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const f of ctx.analysis.figures) {
    if (f.vague || ctx.analysis.sentences[f.sentence].kind === 'footnote') continue;
    const pairs = pairsFor(ctx, f);
    const agree = pairs.find((p) => p.compatible);
    const conflicts = pairs.filter((p) => !p.compatible && p.sameness >= threshold(f, p) && ctx.docSimilarity(p.passage.source) >= OTHER_STORY);
    const best = conflicts[0];
    if (!best) continue;
    if (agree && agree.sameness >= Math.max(SAME_THING, best.sameness - AGREEMENT_MARGIN)) continue;
    const g = best.figure;
    const source = best.passage.source;
    findings.push({
      kind: 'contradicted-figure',
      start: f.start,
      end: f.end,
      message: `Contradicted figure: "${f.text}" (read as ${reading(f)}) cannot be reconciled with "${g.text}" (read as ${reading(g)}) in ${source.label}.`,
      sourceId: source.id,
      sourcePath: source.path,
      sourceStart: g.start,
      sourceEnd: g.end,
      sources: conflicts.map((c) => ref(c.passage.source, c.figure)),
      replacement: { start: f.value.start, end: f.value.end, text: source.text.slice(g.value.start, g.value.end) },
    });
  }
  return findings;
}

function threshold(f: Figure, pair: FigurePair): number {
  const a = Math.max(1e-9, Math.abs(f.nominal));
  const b = Math.max(1e-9, Math.abs(pair.figure.nominal));
  const far = Math.max(a, b) / Math.min(a, b) >= FAR_APART;
  return SAME_THING + (far ? SCOPE_PENALTY : 0) + (pair.otherScope ? SCOPE_PENALTY : 0);
}

function reading(f: Figure): string {
  const what = f.class === 'count' || f.class === 'people' ? f.head || 'items' : f.class;
  return `${describeInterval(f)} ${what}`;
}

