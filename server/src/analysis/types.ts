// Plain data produced by the analysis. Offsets are 0-based UTF-16 offsets
// into the analysed text, `end` exclusive, so every consumer (CLI, LSP
// features, evidence) can slice the original string without conversion.

export interface Span {
  start: number;
  end: number;
}

export type Format = 'markdown' | 'plaintext';

/** What a block of text is, which decides whether its sentences are claims. */
export type BlockKind = 'headline' | 'heading' | 'paragraph' | 'list' | 'blockquote' | 'footnote' | 'skip';

export interface Block extends Span {
  kind: BlockKind;
}

export interface Sentence extends Span {
  index: number;
  block: number;
  /** Headlines, headings and footnote definitions never become claims. */
  kind: BlockKind;
}

export type FigureClass =
  | 'deaths'
  | 'injuries'
  | 'displaced'
  | 'hostages'
  | 'arrests'
  | 'people'
  | 'structures'
  | 'duration'
  | 'money'
  | 'percentage'
  | 'distance'
  | 'weapons'
  | 'aid'
  | 'share'
  | 'count';

/** How a qualifier bends the stated value into an interval. */
export type Reading = 'exact' | 'rounded' | 'above' | 'atLeast' | 'floor' | 'below' | 'approx' | 'under' | 'range' | 'vague';

export interface Figure extends Span {
  text: string;
  /** The number itself with its qualifier, e.g. "more than 1,400". */
  value: Span;
  /** The stated number ("1,400" → 1400; "hundreds" → 200). */
  nominal: number;
  low: number | null;
  high: number | null;
  reading: Reading;
  qualifier?: string;
  /** Worded plural amounts ("hundreds") are too vague to contradict anything. */
  vague: boolean;
  /** The counted noun phrase ("Israeli troops", "day pause"); empty when the sentence gives none. */
  counts: string;
  /** Singular lower-case head noun of `counts` ("troop"), the key for the generic class. */
  head: string;
  class: FigureClass;
  /** The event verb that says what happened to what is counted ("killed"). */
  verb?: string;
  unit?: string;
  sentence: number;
}

export interface Title {
  text: string;
  span: Span;
}

export type OfficialForm = 'titled' | 'appositive' | 'bare';

export interface Official extends Span {
  /** The mention as written ("Kirby", "Joe Biden"). */
  text: string;
  /** Canonical full name ("John Kirby"). */
  name: string;
  /** The title this mention carries, or the one the document/corpus gives the person. */
  title?: string;
  /** Where the title is written when this mention carries it. */
  titleSpan?: Span;
  form: OfficialForm;
  /** Where the full name came from for a bare mention. */
  resolvedFrom: 'mention' | 'document' | 'corpus' | 'unresolved';
  sentence: number;
}

export interface Quote extends Span {
  /** The quoted words without the quote marks. */
  text: string;
  /** Span including the quote marks. */
  outer: Span;
  /** Canonical name when the speaker is an official, otherwise the phrase ("a senior US official"). */
  speaker?: string;
  speakerSpan?: Span;
  sentence: number;
}

export type ClaimReason = 'figure' | 'quote' | 'official' | 'attribution' | 'actor';

export interface Claim extends Span {
  text: string;
  sentence: number;
  reasons: ClaimReason[];
  figures: number[];
  officials: number[];
  quotes: number[];
}

/** A capitalised name the document could not tie to a titled person. */
export interface PendingName extends Span {
  text: string;
  sentence: number;
  /** Written after a title ("President Biden"): already an official, only the full name is missing. */
  titled: boolean;
}

export interface Analysis {
  format: Format;
  length: number;
  blocks: Block[];
  sentences: Sentence[];
  figures: Figure[];
  officials: Official[];
  quotes: Quote[];
  claims: Claim[];
  /** Names left for the corpus to resolve (see resolvePending). */
  pending: PendingName[];
}

/** A person the corpus knows: used to resolve bare surnames in an article. */
export interface KnownPerson {
  name: string;
  titles: string[];
}

export interface PeopleLookup {
  /** Full name for a surname or full name, when exactly one person fits. */
  resolve(nameOrSurname: string): KnownPerson | undefined;
}

/**
 * The whole mention of an official: title and name, in whichever order they
 * are written ("President Joe Biden", or "Singh, the Pentagon spokesperson").
 */
export function mentionSpan(o: Pick<Official, 'start' | 'end' | 'titleSpan'>): Span {
  if (!o.titleSpan) return { start: o.start, end: o.end };
  return { start: Math.min(o.start, o.titleSpan.start), end: Math.max(o.end, o.titleSpan.end) };
}
