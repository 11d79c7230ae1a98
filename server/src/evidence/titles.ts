// Title conflicts: an official is given a title that every title the
// sources give the same person contradicts (by country, organisation, role
// or portfolio). Variants that can both be right ("spokesman" and
// "spokesperson", "CIA chief" and "CIA Director") are not conflicts. Titles
// change: a conflict with sources within TITLE_WINDOW_DAYS of the article is
// a same-time conflict; where either date is unknown it is information; a
// source outside the window is no conflict at all (the hover notes it).

import { parseTitle, titleConflict } from '../analysis/titles.js';
import { mentionSpan } from '../analysis/types.js';
import type { EvidenceContext } from './context.js';
import { ref } from './context.js';
import { daysBetween, sourceDate, TITLE_WINDOW_DAYS } from './dates.js';
import type { Finding, Tier } from './types.js';

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
    const all = person.mentions
      .filter((m) => m.title && m.titleSpan && titles.has(m.title) && !ctx.excluded(m.source))
      .sort((a, b) => a.source.id.localeCompare(b.source.id) || a.start - b.start);
    // Sources of the same time first; sources of another time say nothing about this one.
    const when = new Map<unknown, Tier | 'other'>();
    for (const m of all) if (!when.has(m.source)) when.set(m.source, titleTime(ctx.date, sourceDate(m.source)));
    const sameTime = all.filter((m) => when.get(m.source) === 'same-time');
    const theirs = sameTime.length ? sameTime : all.filter((m) => when.get(m.source) === 'time');
    if (!theirs.length) continue;
    const tier: Tier = sameTime.length ? 'same-time' : 'time';
    const first = theirs[0];
    const conflict = titles.get(first.title!);
    const span = mentionSpan(first);
    const sourceTitle = first.title!;
    const here = mentionSpan(o);
    findings.push({
      kind: 'title-conflict',
      tier,
      start: here.start,
      end: here.end,
      message: `Title conflict: ${first.source.label} gives ${o.name} as "${sourceTitle}", which disagrees on the ${conflict} with "${o.title}".${tier === 'time' ? ` Titles change, and ${ctx.date ? "the source's date is not known" : "this article's date is not known"}.` : ''}`,
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

/** Whether a source's titles speak for the article's time: within the window, unknown, or of another time. */
export function titleTime(articleDate: string | undefined, date: string | undefined): Tier | 'other' {
  const d = daysBetween(articleDate, date);
  if (d === undefined) return 'time';
  return Math.abs(d) <= TITLE_WINDOW_DAYS ? 'same-time' : 'other';
}
