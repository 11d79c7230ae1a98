// Title conflicts: an official is given a title that every title the
// sources give the same person contradicts (by country, organisation, role
// or portfolio). Variants that can both be right ("spokesman" and
// "spokesperson", "CIA chief" and "CIA Director") are not conflicts.

import { parseTitle, titleConflict } from '../analysis/titles.js';
import { mentionSpan } from '../analysis/types.js';
import type { EvidenceContext } from './context.js';
import { ref } from './context.js';
import type { Finding } from './types.js';

/** Source mentions listed with a finding (a popular official has thousands). */
const MAX_RELATED = 10;
const parsedTitles = new Map<string, ReturnType<typeof parseTitle>>();

function parsed(title: string) {
  let p = parsedTitles.get(title);
  if (!p) {
    if (parsedTitles.size > 10000) parsedTitles.clear();
    p = parseTitle(title);
    parsedTitles.set(title, p);
  }
  return p;
}

export function titleConflicts(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const o of ctx.analysis.officials) {
    if (o.form === 'bare' || !o.title || !o.titleSpan) continue;
    const person = ctx.corpus.person(o.name);
    if (!person) continue;
    const mine = parseTitle(o.title);
    // Each distinct title once (a popular official has thousands of mentions), and a conflict
    // only if no title of theirs can be right alongside ours.
    let compatible = false;
    const conflicting: { title: string; conflict: NonNullable<ReturnType<typeof titleConflict>> }[] = [];
    for (const title of person.titles.keys()) {
      const conflict = titleConflict(mine, parsed(title));
      if (!conflict) {
        compatible = true;
        break;
      }
      conflicting.push({ title, conflict });
    }
    if (compatible || !conflicting.length) continue;
    const titles = new Map(conflicting.map((c) => [c.title, c.conflict]));
    const theirs = person.mentions
      .filter((m) => m.title && m.titleSpan && titles.has(m.title) && !ctx.excluded(m.source))
      .sort((a, b) => a.source.id.localeCompare(b.source.id) || a.start - b.start);
    if (!theirs.length) continue;
    const first = theirs[0];
    const conflict = titles.get(first.title!);
    const span = mentionSpan(first);
    const sourceTitle = first.title!;
    const here = mentionSpan(o);
    findings.push({
      kind: 'title-conflict',
      start: here.start,
      end: here.end,
      message: `Title conflict: ${first.source.label} gives ${o.name} as "${sourceTitle}", which disagrees on the ${conflict} with "${o.title}".`,
      sourceId: first.source.id,
      sourcePath: first.source.path,
      sourceStart: span.start,
      sourceEnd: span.end,
      sources: theirs.slice(0, MAX_RELATED).map((m) => ref(m.source, mentionSpan(m))),
      replacement: { start: o.titleSpan.start, end: o.titleSpan.end, text: sourceTitle },
    });
  }
  return findings;
}
