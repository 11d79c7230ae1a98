// Claims: sentences that assert something a source could confirm or deny —
// a figure, a quote, a named official, an attributed statement, or an
// action of an organisation or country. Headlines, subheads and footnote
// definitions are not claims.

import { ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, NOT_NAMES, ORG_NAMES, PLACES, STOPWORDS } from './lexicon.js';
import { tokenAt, type Token } from './text.js';
import type { Claim, ClaimReason, Figure, Official, Quote, Sentence } from './types.js';

const CLAIM_KINDS = new Set(['paragraph', 'list', 'blockquote']);
const MIN_WORDS = 4;

export function findClaims(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  figures: Figure[],
  officials: Official[],
  quotes: Quote[],
): Claim[] {
  const claims: Claim[] = [];
  const bySentence = <T extends { sentence: number }>(items: T[]) => {
    const map = new Map<number, number[]>();
    items.forEach((item, i) => {
      const list = map.get(item.sentence);
      if (list) list.push(i);
      else map.set(item.sentence, [i]);
    });
    return map;
  };
  const figuresIn = bySentence(figures);
  const officialsIn = bySentence(officials);
  for (const s of sentences) {
    if (!CLAIM_KINDS.has(s.kind)) continue;
    const first = tokenAt(tokens, s.start);
    const limit = tokenAt(tokens, s.end);
    let wordCount = 0;
    let attribution = false;
    let actor = false;
    for (let i = first; i < limit; i++) {
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      wordCount++;
      if (!attribution && !t.cap && (ATTRIBUTION_VERBS.at(tokens, i, limit) || ATTRIBUTION_PHRASES.at(tokens, i, limit))) attribution = true;
      // An organisation or country, or any proper noun inside the sentence, is an actor.
      if (!actor && t.cap && !NOT_NAMES.has(t.lower) && !STOPWORDS.has(t.lower)) {
        if (i > first || ORG_NAMES.at(tokens, i, limit) || PLACES.at(tokens, i, limit)) actor = true;
      }
    }
    if (wordCount < MIN_WORDS) continue;
    const sentenceQuotes: number[] = [];
    for (let i = 0; i < quotes.length; i++) if (quotes[i].start < s.end && quotes[i].end > s.start) sentenceQuotes.push(i);
    const reasons: ClaimReason[] = [];
    const f = figuresIn.get(s.index) ?? [];
    const o = officialsIn.get(s.index) ?? [];
    if (f.length) reasons.push('figure');
    if (sentenceQuotes.length) reasons.push('quote');
    if (o.length) reasons.push('official');
    if (attribution) reasons.push('attribution');
    if (actor) reasons.push('actor');
    if (!reasons.length) continue;
    claims.push({
      start: s.start,
      end: s.end,
      text: text.slice(s.start, s.end),
      sentence: s.index,
      reasons,
      figures: f,
      officials: o,
      quotes: sentenceQuotes,
    });
  }
  return claims;
}
