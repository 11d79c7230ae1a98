// What the archive reads in part, and completes when a rule or a hover reads
// more. A check needs only a few things of most sources and people it meets:
// a person's sources are counted, compared by id, named and dated; a
// person's record is asked whether it exists and which titles it gives. So
// sources come without their bodies (and with only their brief), records
// without their sources; reading what was left out inside a check
// (withArchiveView) notes it, gives nothing this round, and the view fetches
// it for the next, in one batch.

import { deserialize } from 'node:v8';
import type { Analysis } from '../analysis/types.js';
import type { SourceMeta } from '../corpus/metadata.js';
import type { PersonRecord } from '../corpus/people.js';
import { Source, type SourceBody, type SourceSummary } from '../corpus/source.js';
import type { StoredPerson } from './persons.js';

/** What a source's summary is before its stored one is read (never seen: every reader goes through the getters). */
const UNREAD_SUMMARY: SourceSummary = { officials: [], quotes: [], pending: [], shingles: new Uint32Array(0), outlets: [], meta: {} as SourceSummary['meta'] };

/** Where what was read in part notes that a rule wanted the rest (see withArchiveView). */
let wanted: Wanted | undefined;

/** Sources whose body, or whose whole summary, and people whose sources a rule wanted but the store had not read. */
export interface Wanted {
  bodies: Set<ArchiveSource>;
  summaries: Set<ArchiveSource>;
  people: Set<ArchivePerson>;
}

/** Runs `f` noting everything it wanted but the store had not read. */
export function notingMissing<T>(into: Wanted, f: () => T): T {
  const before = wanted;
  wanted = into;
  try {
    return f();
  } finally {
    wanted = before;
  }
}

type Brief = Pick<SourceSummary, 'meta' | 'derivedFrom' | 'outlets'>;

/**
 * A summary of which only the brief was read: its metadata, copy and outlets
 * answer; reading its officials, quotes, pending names or shingles notes the
 * source as wanting its summary, and gives nothing this round.
 */
function briefSummary(source: ArchiveSource, brief: Brief): SourceSummary {
  const want = () => wanted?.summaries.add(source);
  return {
    ...brief,
    get officials() {
      want();
      return [];
    },
    get quotes() {
      want();
      return [];
    },
    get pending() {
      want();
      return [];
    },
    get shingles() {
      want();
      return new Uint32Array(0);
    },
  };
}

/**
 * A source of the archive. People's sources are read without their bodies
 * and, where the archive keeps briefs, without their summaries (a record only
 * needs their ids, and hovers and naming their labels, dates and copies); a
 * rule that then wants one's text or summary gets an empty one this round and
 * the view fetches it for the next.
 */
export class ArchiveSource extends Source {
  private bytes?: Uint8Array;
  private body_?: SourceBody;
  /**
   * The summary as stored, until something reads it: a person's record
   * brings up to a hundred sources, and a check mostly needs only their ids,
   * so each is turned into objects only when a rule or a hover reads it.
   */
  private summaryBytes?: Uint8Array;
  /**
   * The brief as stored, until something reads the metadata: most of a
   * person's sources are only counted and compared by id.
   */
  private briefBytes?: Uint8Array;
  /** Whether the whole summary was read (or is in summaryBytes), not just the brief. */
  private whole = true;

  constructor(id: string, path: string, folder: string, mtimeMs: number, size: number, summary: Uint8Array | undefined, brief: Uint8Array | undefined, bytes: Uint8Array | undefined) {
    super(id, path, folder, mtimeMs, size, UNREAD_SUMMARY, new Uint8Array(0));
    if (summary) this.summaryBytes = summary;
    else {
      this.briefBytes = brief;
      this.whole = false;
    }
    this.bytes = bytes;
  }

  private readSummary(): void {
    const stored = this.summaryBytes;
    if (stored) {
      this.summaryBytes = this.briefBytes = undefined;
      super.summary = deserialize(stored) as SourceSummary;
      return;
    }
    const brief = this.briefBytes;
    if (!brief) return;
    this.briefBytes = undefined;
    super.summary = briefSummary(this, deserialize(brief) as Brief);
  }

  override get summary(): SourceSummary {
    this.readSummary();
    return super.summary;
  }

  override set summary(s: SourceSummary) {
    this.summaryBytes = this.briefBytes = undefined;
    this.whole = true;
    super.summary = s;
  }

  override get meta(): SourceMeta {
    this.readSummary();
    return super.meta;
  }

  get hasSummary(): boolean {
    return this.whole;
  }

  setSummary(bytes: Uint8Array): void {
    if (this.whole) return;
    this.whole = true;
    this.summaryBytes = bytes;
    // The caches of the brief go (the metadata is the same; the analysis now has the officials).
    this.readSummary();
  }

  get hasBody(): boolean {
    return this.bytes !== undefined;
  }

  setBody(bytes: Uint8Array): void {
    this.bytes ??= bytes;
  }

  override get blob(): Uint8Array {
    return this.bytes ?? new Uint8Array(0);
  }

  override get analysis(): Analysis {
    this.readSummary();
    if (this.bytes) return super.analysis;
    wanted?.bodies.add(this);
    const s = this.summary;
    return { format: 'plaintext', length: 0, blocks: [], sentences: [], figures: [], officials: s.officials, quotes: s.quotes, claims: [], pending: s.pending };
  }

  override load(): SourceBody {
    if (!this.bytes) {
      wanted?.bodies.add(this);
      return { text: '', format: 'plaintext', sentences: [], figures: [], passages: [] };
    }
    // Bounded with the store's source cache: a source that leaves it is collected with its body.
    this.body_ ??= deserialize(this.bytes) as SourceBody;
    return this.body_;
  }

  override get loaded(): SourceBody | undefined {
    return this.body_;
  }

  override release(): void {
    this.body_ = undefined;
    super.release();
  }
}

/**
 * A person's record as the archive stores it, its sources as row ids.
 * Whether a person is known and the titles the sources give answer at once,
 * from the titles read alone (persons.titles); the mentions and quotes need
 * the whole record (~24 kB) and their sources as objects (up to a hundred
 * rows: in a claim whose passages name forty people, most of its time), so
 * reading them before the store resolved the record notes the person as
 * wanted and gives nothing this round. A rule reads them only for a title
 * conflict, a hover for the one person it shows.
 */
export class ArchivePerson implements PersonRecord {
  /** The record as stored, until something reads it (read with the titles, or when resolved). */
  private bytes?: Uint8Array;
  /** The titles as stored, where they were read alone. */
  private titleBytes?: Uint8Array;
  private stored_?: StoredPerson;
  private titles_?: Map<string, Set<string>>;
  private read?: Pick<PersonRecord, 'mentions' | 'quotes'>;

  /** With its titles alone, its whole record, or both (at least one). */
  constructor(
    readonly name: string,
    titles: Uint8Array | null,
    record: Uint8Array | null,
  ) {
    this.titleBytes = titles ?? undefined;
    this.bytes = record ?? undefined;
  }

  /** Whether the whole record was read (else only its titles). */
  get hasRecord(): boolean {
    return this.bytes !== undefined || this.stored_ !== undefined;
  }

  /** The whole record, read later; none when the person is gone from the archive since. */
  setRecord(bytes: Uint8Array | undefined): void {
    if (this.hasRecord) return;
    if (bytes) this.bytes = bytes;
    else this.stored_ = { mentions: [], quotes: [], titles: [] };
  }

  private get stored(): StoredPerson {
    if (!this.stored_) {
      if (!this.bytes) throw new Error(`the record of ${this.name} was read without being fetched`);
      this.stored_ = deserialize(this.bytes) as StoredPerson;
      this.bytes = undefined;
    }
    return this.stored_;
  }

  get titles(): Map<string, Set<string>> {
    if (!this.titles_) {
      const stored = this.titleBytes ? (deserialize(this.titleBytes) as StoredPerson['titles']) : this.stored.titles;
      this.titleBytes = undefined;
      this.titles_ = new Map(stored.map(([t, ids]) => [t, new Set(ids)]));
    }
    return this.titles_;
  }

  get mentions(): PersonRecord['mentions'] {
    if (this.read) return this.read.mentions;
    wanted?.people.add(this);
    return [];
  }

  get quotes(): PersonRecord['quotes'] {
    if (this.read) return this.read.quotes;
    wanted?.people.add(this);
    return [];
  }

  get resolved(): boolean {
    return this.read !== undefined;
  }

  /** The rows of its sources, mentions' then quotes'. */
  rows(): string[] {
    return [...new Set([...this.stored.mentions.map((m) => String(m.row)), ...this.stored.quotes.map((q) => String(q.row))])];
  }

  /** The rows of the sources of its first `n` quotes. */
  quoteRows(n: number): string[] {
    return this.stored.quotes.slice(0, n).map((q) => String(q.row));
  }

  /** Its sources as objects (a source gone from the archive since is left out). */
  resolve(sources: Map<string, ArchiveSource>): void {
    const mentions: PersonRecord['mentions'] = [];
    for (const m of this.stored.mentions) {
      const source = sources.get(String(m.row));
      if (source) mentions.push({ source, start: m.start, end: m.end, title: m.title, titleSpan: m.titleSpan });
    }
    const quotes: PersonRecord['quotes'] = [];
    for (const q of this.stored.quotes) {
      const source = sources.get(String(q.row));
      if (source) quotes.push({ source, start: q.start, end: q.end, text: q.text });
    }
    this.read = { mentions, quotes };
  }

  /** The sources read so far, without noting anything (what the check met). */
  sourcesRead(): Source[] {
    return this.read ? [...this.read.mentions, ...this.read.quotes].map((x) => x.source) : [];
  }
}
