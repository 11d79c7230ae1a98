// One source article of the corpus. What every source needs at all times —
// who it names, who it quotes, its fingerprint for near-duplicates — stays in
// memory (the summary); the bulky rest (text, sentences, figures, passages)
// is a serialized blob, turned back into objects only while a check needs
// it. The most recently used bodies stay loaded, so a 10,000-source corpus
// costs a fraction of its object graph and starts warm from the cache
// without deserializing every body.

import { readSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { Analysis, Figure, Format, Official, PendingName, Quote, Sentence } from '../analysis/types.js';
import { mergeMeta, sourceLabel, type SourceMeta } from './metadata.js';
import type { MetaLayers } from './metadataRead.js';

export interface PreparedPassage {
  sentence: number;
  start: number;
  end: number;
  /** Distinct content terms, space-separated (one string serializes far faster than many). */
  terms: string;
  /** Entities, newline-separated. */
  entities: string;
}

/** What stays in memory for every source. */
export interface SourceSummary {
  officials: Official[];
  quotes: Quote[];
  pending: PendingName[];
  /** Sampled word 5-gram hashes, for near-duplicate detection (a typed array serializes as plain bytes). */
  shingles: Uint32Array;
  /** The publication the source says it was copied from. */
  derivedFrom?: string;
  /** Publications the source names. */
  outlets: string[];
  /** What the file says of itself (front matter, page metadata, dateline, first line). */
  meta: MetaLayers;
}

/** A source as plain data: what a worker sends, what the cache keeps, what a Source is made from. */
export interface SourceRecord {
  /** Path relative to its corpus folder, prefixed with the folder's name. */
  id: string;
  path: string;
  folder: string;
  mtimeMs: number;
  size: number;
  summary: SourceSummary;
  /** The serialized body, kept as bytes: it is only turned into objects when a check needs it. */
  blob: BlobRef;
}

/** What is loaded on demand. */
export interface SourceBody {
  text: string;
  format: Format;
  sentences: Sentence[];
  figures: Figure[];
  passages: PreparedPassage[];
  /** For a saved web page: where the text stands in the HTML file (see html.ts `offsetMap`). */
  htmlMap?: Uint32Array;
}

/** Where a body's bytes are: in memory, or at an offset of an open cache file (read when first needed). */
export type BlobRef = Uint8Array | { fd: number; offset: number; length: number };

export function blobBytes(ref: BlobRef): Uint8Array {
  if (ref instanceof Uint8Array) return ref;
  const bytes = new Uint8Array(ref.length);
  readSync(ref.fd, bytes, 0, ref.length, ref.offset);
  return bytes;
}

/** How many source bodies stay loaded at once. */
export const LOADED_BODIES = 3000;
const recent = new Map<Source, true>();

export class Source {
  private body?: SourceBody;
  private analysisView?: Analysis;
  private sidecarMeta?: SourceMeta;
  private merged?: SourceMeta;
  private labelText?: string;

  constructor(
    /** Path relative to its corpus folder, prefixed with the folder's name: "seeds/000_….txt". */
    readonly id: string,
    readonly path: string,
    readonly folder: string,
    readonly mtimeMs: number,
    readonly size: number,
    private summaryData: SourceSummary,
    /** The body, serialized with node:v8. */
    private readonly blobRef: BlobRef,
  ) {}

  /** The body's bytes (read from the cache file when that is where they are). */
  get blob(): Uint8Array {
    return blobBytes(this.blobRef);
  }

  get summary(): SourceSummary {
    return this.summaryData;
  }

  /** New names and speakers after the corpus resolved them. */
  set summary(s: SourceSummary) {
    this.summaryData = s;
    this.analysisView = undefined;
    this.merged = undefined;
    this.labelText = undefined;
  }

  /** What the folder's sidecar says of this source (set by the corpus, which reads sidecars). */
  set sidecar(meta: SourceMeta | undefined) {
    this.sidecarMeta = meta;
    this.merged = undefined;
    this.labelText = undefined;
  }

  /** Headline, outlet, authors, date, link, what it copies: front matter, then the sidecar, then what the file shows. */
  get meta(): SourceMeta {
    const layers = this.summaryData.meta;
    this.merged ??= mergeMeta(layers?.declared, this.sidecarMeta, layers?.found);
    return this.merged;
  }

  /** How the source is named to people: outlet, headline, date (the id only when nothing is known). */
  get label(): string {
    this.labelText ??= sourceLabel(this.meta, this.id);
    return this.labelText;
  }

  get text(): string {
    return this.load().text;
  }

  /** The source's analysis: sentences, figures, officials, quotes (no claims: sources have none to check). */
  get analysis(): Analysis {
    if (!this.analysisView) {
      const b = this.load();
      const s = this.summaryData;
      this.analysisView = { format: b.format, length: b.text.length, blocks: [], sentences: b.sentences, figures: b.figures, officials: s.officials, quotes: s.quotes, claims: [], pending: s.pending };
    }
    return this.analysisView;
  }

  /** The loaded body (loading it when needed); the same object until it is released. */
  load(): SourceBody {
    if (this.body) {
      recent.delete(this);
      recent.set(this, true);
      return this.body;
    }
    this.body = deserialize(blobBytes(this.blobRef)) as SourceBody;
    recent.set(this, true);
    if (recent.size > LOADED_BODIES) {
      const oldest = recent.keys().next().value as Source;
      recent.delete(oldest);
      oldest.release();
    }
    return this.body;
  }

  /** Whether the body is loaded now. */
  get loaded(): SourceBody | undefined {
    return this.body;
  }

  /** Lets the body go; it is loaded again from the blob when next needed. */
  release(): void {
    this.body = undefined;
    this.analysisView = undefined;
    recent.delete(this);
  }
}
