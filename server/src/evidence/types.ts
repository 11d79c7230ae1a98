// What the evidence rules return: support for claims and findings, as plain
// data with offsets into the article and into the source.

import type { SourceMeta } from '../corpus/metadata.js';
import type { FindingKind, Tier } from './findingKinds.js';

export type { FindingKind, Tier } from './findingKinds.js';

/** A passage of a source file. */
export interface SourceRef {
  /** "seeds/000_….txt": the path relative to its corpus folder, with the folder's name. */
  sourceId: string;
  sourcePath: string;
  start: number;
  end: number;
  text: string;
  /** How the source is named to people (outlet, "headline", date), and what is known of it. */
  sourceName?: string;
  sourceMeta?: SourceMeta;
}

export interface Support extends SourceRef {
  score: number;
  /** Why the passage corroborates the claim. */
  reasons: ('quote' | 'figure' | 'wording' | 'entities')[];
  /** The same, as a reader would say it: "shared figure: 1,400", "matching event: killed ~ fatalities". */
  why: string[];
}

export interface Finding {
  kind: FindingKind;
  /** `same-time`: the disagreement holds at the same moment; `time`: time or unknown dates could explain it. */
  tier: Tier;
  /** The span in the article. */
  start: number;
  end: number;
  message: string;
  /** The source passage that disagrees (the first of `sources`). */
  sourceId: string;
  sourcePath: string;
  sourceStart: number;
  sourceEnd: number;
  /** The named source as people know it (outlet, "headline", date), and what is known of it. */
  sourceName?: string;
  sourceMeta?: SourceMeta;
  /** Every source passage that disagrees, best first. */
  sources: SourceRef[];
  /** The source's wording for the span, for the quick fix. */
  replacement?: { start: number; end: number; text: string };
}

export interface Evidence {
  /** Supporting passages per claim, parallel to analysis.claims, best first. */
  support: Support[][];
  /** How many independent sources each claim's support comes from. */
  independent: number[];
  findings: Finding[];
}
