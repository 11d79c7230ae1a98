// Which sources are independent of each other. A source that says it was
// copied from a publication ("Original Source: www.cnn.com") is grouped with
// the corpus source that is that publication's story, and near-duplicate
// texts are grouped together; each group counts as one independent source.

import derivation from './data/derivation.json';
import type { Source } from './corpus.js';
import { cosine, type Idf, vector, termsOf } from './terms.js';

const PATTERNS = derivation.patterns.map((p) => new RegExp(p, 'im'));
const OUTLETS = Object.entries(derivation.outlets).map(([id, names]) => ({
  id,
  names: names.map((n) => n.toLowerCase()),
  mention: new RegExp(`\\b(?:${names.filter((n) => !n.includes('.')).map(escapeRe).join('|')})\\b`),
}));

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The publication a source says it was copied from, normalised ("www.cnn.com" → "cnn"). */
export function derivedFrom(text: string): string | undefined {
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const raw = m[1].toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
    const outlet = OUTLETS.find((o) => o.names.includes(raw));
    if (outlet) return outlet.id;
    // An unknown publication counts only when written as a web address ("Source: the ministry" is a citation, not a copy).
    if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(raw)) return raw.replace(/\.(?:com|org|net|co\.uk|news)$/, '');
  }
  return undefined;
}

/** Whether a text names the publication (by a name, not a web address). */
function mentionsOutlet(text: string, outlet: string): boolean {
  const o = OUTLETS.find((x) => x.id === outlet);
  return o ? o.mention.test(text) : new RegExp(`\\b${escapeRe(outlet)}\\b`, 'i').test(text);
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
const NEAR_DUPLICATE = 0.5;
/** Below this many sampled shingles (about 40 words) a text is too short to call a duplicate. */
const MIN_SHINGLES = 10;
/** A copy and its original tell the same story. */
const SAME_STORY = 0.2;

export class Independence {
  private parent = new Map<Source, Source>();

  constructor(sources: Source[], idf: Idf) {
    for (const s of sources) this.parent.set(s, s);
    // Near-duplicates through a shingle index.
    const owners = new Map<number, Source[]>();
    const sets = new Map<Source, Set<number>>();
    for (const s of sources) {
      const set = shingles(s.text);
      sets.set(s, set);
      for (const h of set) {
        const list = owners.get(h);
        if (list) list.push(s);
        else owners.set(h, [s]);
      }
    }
    for (const s of sources) {
      const counts = new Map<Source, number>();
      for (const h of sets.get(s)!) for (const o of owners.get(h)!) if (o !== s) counts.set(o, (counts.get(o) ?? 0) + 1);
      for (const [o, n] of counts) {
        const smaller = Math.min(sets.get(s)!.size, sets.get(o)!.size);
        if (smaller >= MIN_SHINGLES && n / smaller >= NEAR_DUPLICATE) this.union(s, o);
      }
    }
    // Declared copies: the original is a source that names the publication and tells the same story.
    const derived = sources.map((s) => [s, derivedFrom(s.text)] as const).filter(([, d]) => d);
    if (derived.length) {
      const vectors = new Map<Source, Map<string, number>>();
      const vec = (s: Source) => vectors.get(s) ?? vectors.set(s, vector(termsOf(s.text), idf)).get(s)!;
      for (const [copy, outlet] of derived) {
        for (const s of sources) {
          if (s === copy || derivedFrom(s.text) === outlet) continue;
          if (mentionsOutlet(s.text, outlet!) && cosine(vec(copy), vec(s)) >= SAME_STORY) this.union(copy, s);
        }
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

  sameGroup(a: Source, b: Source): boolean {
    return this.find(a) === this.find(b);
  }

  /** How many independent groups these sources form. */
  count(sources: Iterable<Source>): number {
    return new Set([...sources].map((s) => this.find(s))).size;
  }
}
