// Which sources are independent of each other. A source that says it was
// copied from a publication ("Original Source: www.cnn.com") is grouped with
// the corpus source that is that publication's story, and near-duplicate
// texts are grouped together; each group counts as one independent source.

import derivation from './data/derivation.json';
import { outletId } from './metadata.js';
import type { Source } from './source.js';

const PATTERNS = derivation.patterns.map((p) => new RegExp(p, 'im'));
const OUTLETS = Object.entries(derivation.outlets).map(([id, names]) => ({
  id,
  names: names.map((n) => n.toLowerCase()),
  mention: new RegExp(`\\b(?:${names.filter((n) => !n.includes('.')).map(escapeRe).join('|')})\\b`),
}));

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The publication a source says it was copied from: as written ("www.cnn.com") and normalised ("cnn"). */
export function declaredCopy(text: string): { written: string; id: string } | undefined {
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const raw = m[1].toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
    const outlet = OUTLETS.find((o) => o.names.includes(raw));
    if (outlet) return { written: m[1], id: outlet.id };
    // An unknown publication counts only when written as a web address ("Source: the ministry" is a citation, not a copy).
    if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(raw)) return { written: m[1], id: raw.replace(/\.(?:com|org|net|co\.uk|news)$/, '') };
  }
  return undefined;
}

/** The publication a source says it was copied from, normalised ("www.cnn.com" → "cnn"). */
export function derivedFrom(text: string): string | undefined {
  return declaredCopy(text)?.id;
}

/** The known publications a text names (by a name, not a web address). */
function outletsNamed(text: string): string[] {
  return OUTLETS.filter((o) => o.mention.test(text)).map((o) => o.id);
}

/** The publication a source copies (as its metadata says, else as its text says), or undefined for an original. */
export function copiedOutlet(source: Source): string | undefined {
  const declared = source.meta.copiedFrom;
  return (declared && outletId(declared)) || source.summary.derivedFrom || declared?.toLowerCase();
}

/** Whether a source is the publication's or names it (an unknown one is looked for in its text). */
function mentionsOutlet(source: Source, outlet: string): boolean {
  if (outletId(source.meta.outlet) === outlet) return true;
  return OUTLETS.some((o) => o.id === outlet) ? source.summary.outlets.includes(outlet) : new RegExp(`\\b${escapeRe(outlet)}\\b`, 'i').test(source.text);
}

/** What independence needs of a source, computed once when it is read. */
export function fingerprint(text: string): { shingles: Uint32Array; derivedFrom?: string; outlets: string[] } {
  const derived = derivedFrom(text);
  return { shingles: Uint32Array.from(shingles(text)), ...(derived ? { derivedFrom: derived } : {}), outlets: outletsNamed(text) };
}

const SHINGLE = 5;
const SAMPLE = 4;

/** Sampled word 5-gram hashes: enough to find near-duplicates without comparing every pair of texts. */
function shingles(text: string): Set<number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    let h = 2166136261;
    for (let k = i; k < i + SHINGLE; k++) for (const c of words[k]) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    h = (h ^ 32) >>> 0;
    if (h % SAMPLE === 0) out.add(h);
  }
  return out;
}

/** Minimum share of sampled shingles two texts must share to count as the same text. */
export const NEAR_DUPLICATE = 0.5;
/** Below this many sampled shingles (about 40 words) a text is too short to call a duplicate. */
export const MIN_SHINGLES = 10;
/** A shingle in more sources than this is boilerplate. */
export const MAX_OWNERS = 8;
/** A copy and its original tell the same story. */
const SAME_STORY = 0.2;

export class Independence {
  private parent = new Map<Source, Source>();

  /** `similarity`: how alike two sources are as wholes (TF-IDF cosine, 0–1). */
  constructor(sources: Source[], similarity: (a: Source, b: Source) => number) {
    for (const s of sources) this.parent.set(s, s);
    // Near-duplicates through a shingle index. A shingle found in many sources is boilerplate
    // (a dateline, a standard phrase) and says nothing about copying; it is left out, which also
    // keeps the pair counting linear in the corpus.
    const owners = new Map<number, Source[]>();
    const sizes = new Map<Source, number>();
    for (const s of sources) {
      const set = s.summary.shingles;
      sizes.set(s, set.length);
      for (const h of set) {
        const list = owners.get(h);
        if (!list) owners.set(h, [s]);
        else if (list.length <= MAX_OWNERS) list.push(s);
      }
    }
    const pairs = new Map<Source, Map<Source, number>>();
    for (const list of owners.values()) {
      if (list.length < 2 || list.length > MAX_OWNERS) continue;
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = list[i].id < list[j].id ? [list[i], list[j]] : [list[j], list[i]];
          let m = pairs.get(a);
          if (!m) pairs.set(a, (m = new Map()));
          m.set(b, (m.get(b) ?? 0) + 1);
        }
      }
    }
    for (const [a, m] of pairs) {
      for (const [b, n] of m) {
        const smaller = Math.min(sizes.get(a)!, sizes.get(b)!);
        if (smaller >= MIN_SHINGLES && n / smaller >= NEAR_DUPLICATE) this.union(a, b);
      }
    }
    // Declared copies: the original is a source that names the publication and tells the same story.
    const derived = sources.map((s) => [s, copiedOutlet(s)] as const).filter(([, d]) => d);
    for (const [copy, outlet] of derived) {
      for (const s of sources) {
        if (s === copy || copiedOutlet(s) === outlet) continue;
        if (mentionsOutlet(s, outlet!) && similarity(copy, s) >= SAME_STORY) this.union(copy, s);
      }
    }
  }

  private find(s: Source): Source {
    let p = this.parent.get(s) ?? s;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p)!;
    return p;
  }

  private union(a: Source, b: Source): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb.id < ra.id ? ra : rb, rb.id < ra.id ? rb : ra);
  }

  /** The source that stands for a's group (the one with the smallest id). */
  groupOf(a: Source): Source {
    return this.find(a);
  }

  sameGroup(a: Source, b: Source): boolean {
    return this.find(a) === this.find(b);
  }

  /** How many independent groups these sources form. */
  count(sources: Iterable<Source>): number {
    return new Set([...sources].map((s) => this.find(s))).size;
  }
}
