// Title conflicts: an official is given a title that every title the
// sources give the same person contradicts (by country, organisation, role
// or portfolio). Variants that can both be right ("spokesman" and
// "spokesperson", "CIA chief" and "CIA Director") are not conflicts.

import { parseTitle, titleConflict } from '../analysis/titles.js';
import { mentionSpan } from '../analysis/types.js';
import type { EvidenceContext } from './context.js';
import { ref } from './context.js';
import type { Finding } from './types.js';

const COMPONENT: Record<string, string> = { country: 'country', organisation: 'organisation', role: 'role', portfolio: 'portfolio' };

export function titleConflicts(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const o of ctx.analysis.officials) {
    if (o.form === 'bare' || !o.title || !o.titleSpan) continue;
    const person = ctx.corpus.person(o.name);
    if (!person) continue;
    const mine = parseTitle(o.title);
    const theirs = person.mentions.filter((m) => m.title && m.titleSpan && !ctx.excluded(m.source));
    if (!theirs.length) continue;
    const verdicts = theirs.map((m) => ({ m, conflict: titleConflict(mine, parseTitle(m.title!)) }));
    // One source title that can be right alongside ours is enough.
    if (verdicts.some((v) => !v.conflict)) continue;
    verdicts.sort((a, b) => a.m.source.id.localeCompare(b.m.source.id) || a.m.start - b.m.start);
    const first = verdicts[0];
    const span = mentionSpan(first.m);
    const sourceTitle = first.m.title!;
    const here = mentionSpan(o);
    findings.push({
      kind: 'title-conflict',
      start: here.start,
      end: here.end,
      message: `Title conflict: ${first.m.source.id} gives ${o.name} as "${sourceTitle}", which disagrees on the ${COMPONENT[first.conflict!]} with "${o.title}".`,
      sourceId: first.m.source.id,
      sourcePath: first.m.source.path,
      sourceStart: span.start,
      sourceEnd: span.end,
      sources: verdicts.map((v) => ref(v.m.source, mentionSpan(v.m))),
      replacement: { start: o.titleSpan.start, end: o.titleSpan.end, text: sourceTitle },
    });
  }
  return findings;
}
