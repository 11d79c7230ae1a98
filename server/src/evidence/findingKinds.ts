// The one registry of finding kinds. Everything that names, titles, ranks or
// recognises a finding (diagnostics, code lenses, code actions, hovers, the
// ignore markers and file, the CLI) reads it here instead of keeping its own
// map, so a new kind is added in one place.
//
// Every finding has a tier: `same-time` when the disagreement holds for the
// same moment (a fact checker must look), `time` when a difference in time,
// or dates nobody knows, could explain it (worth knowing, not an alarm).
// Each kind has a default severity per tier; settings may override either.

export type FindingKind = 'contradicted-figure' | 'disputed-figure' | 'misquote' | 'misattributed-quote' | 'title-conflict';
export type Tier = 'same-time' | 'time';
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];
export const TIERS: readonly Tier[] = ['same-time', 'time'];

export interface FindingKindInfo {
  kind: FindingKind;
  /** Lower-case name in running text: "Ignore this misquote", "✗ misquote: …". */
  label: string;
  /** What a finding of the `time` tier is called where it is shown (its message, lens, hover), when not `label`: a figure time could explain only "differs". */
  timeLabel?: string;
  /** Title of the quick fix that applies the finding's replacement. */
  fixTitle: (replacement: string) => string;
  /** Default severity per tier. */
  severity: Record<Tier, SeverityName>;
  /** What in the article the finding is about: hovers list it there. */
  on: 'figure' | 'quote' | 'official';
  /** The rule, one sentence, for hovers and documentation. */
  rule: string;
}

const KINDS: Record<FindingKind, FindingKindInfo> = {
  'contradicted-figure': {
    kind: 'contradicted-figure',
    label: 'contradicted figure',
    timeLabel: 'figure differs',
    fixTitle: (t) => `Use the source's figure: "${t}"`,
    severity: { 'same-time': 'warning', time: 'information' },
    on: 'figure',
    rule: 'A source figure counts the same thing and the two intervals cannot both hold at the same time.',
  },
  'disputed-figure': {
    kind: 'disputed-figure',
    label: 'disputed figure',
    fixTitle: (t) => `Use the other sources' figure: "${t}"`,
    severity: { 'same-time': 'information', time: 'information' },
    on: 'figure',
    rule: 'Sources disagree among themselves about this figure: some agree with it, others do not.',
  },
  misquote: {
    kind: 'misquote',
    label: 'misquote',
    fixTitle: (t) => `Use the source's wording: "${t}"`,
    severity: { 'same-time': 'warning', time: 'warning' },
    on: 'quote',
    rule: 'A quote closely resembles a source quote of the same speaker but differs in content words.',
  },
  'misattributed-quote': {
    kind: 'misattributed-quote',
    label: 'misattributed quote',
    fixTitle: (t) => `Use the source's speaker: "${t}"`,
    severity: { 'same-time': 'warning', time: 'warning' },
    on: 'quote',
    rule: 'A source gives the same words to another named person.',
  },
  'title-conflict': {
    kind: 'title-conflict',
    label: 'title conflict',
    fixTitle: (t) => `Use the source's title: "${t}"`,
    severity: { 'same-time': 'warning', time: 'information' },
    on: 'official',
    rule: 'Every title the sources of the same time give this person disagrees with this one.',
  },
};

export const FINDING_KINDS: readonly FindingKindInfo[] = Object.values(KINDS);

/** The kinds of findings about one kind of thing in the article. */
export function kindsOn(on: FindingKindInfo['on']): FindingKind[] {
  return FINDING_KINDS.filter((k) => k.on === on).map((k) => k.kind);
}

export function isFindingKind(s: string): s is FindingKind {
  return Object.prototype.hasOwnProperty.call(KINDS, s);
}

export function findingKind(kind: FindingKind): FindingKindInfo {
  return KINDS[kind];
}

/** What a finding is called where it is shown: its message starts with it, and the lens and the hover name it so ("figure differs" for a contradicted figure time could explain). */
export function findingLabel(f: { kind: FindingKind; tier: Tier }): string {
  const k = KINDS[f.kind];
  return (f.tier === 'time' && k.timeLabel) || k.label;
}

/**
 * Severity overrides: "kind" or "kind/tier" → severity ("title-conflict/time": "hint").
 * `warning` replaces every default warning (the old single `claimlens.severity`).
 */
export interface SeverityOverrides {
  warning?: SeverityName;
  byKind?: Record<string, SeverityName>;
}

/** The severity of a finding of `kind` and `tier`, after the overrides. */
export function severityOf(kind: FindingKind, tier: Tier, overrides: SeverityOverrides = {}): SeverityName {
  const by = overrides.byKind ?? {};
  const explicit = by[`${kind}/${tier}`] ?? by[kind];
  if (explicit) return explicit;
  const d = KINDS[kind].severity[tier];
  return d === 'warning' && overrides.warning ? overrides.warning : d;
}

/** Whether a finding is an alarm by default (a warning or an error), rather than a note. */
export function isAlarm(kind: FindingKind, tier: Tier): boolean {
  const d = KINDS[kind].severity[tier];
  return d === 'warning' || d === 'error';
}

/** Whether an override key names a kind or a kind and tier ("misquote", "title-conflict/time"). */
export function isSeverityKey(key: string): boolean {
  const [kind, tier, more] = key.split('/');
  return more === undefined && isFindingKind(kind) && (tier === undefined || (TIERS as string[]).includes(tier));
}
