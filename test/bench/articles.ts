// The benchmark's articles, shared with the profiling helpers so a profile
// looks at exactly the text the benchmark timed.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../root';

function texts(): string[] {
  const dir = (d: string) => readdirSync(join(ROOT, d)).filter((f) => /\.(txt|md)$/.test(f)).map((f) => readFileSync(join(ROOT, d, f), 'utf8'));
  return [...dir('seeds'), ...dir('test/fixtures/articles')];
}

/** An article of about `words` words, made of the seeds and our articles repeated. */
export function articleOf(words: number): string {
  const parts: string[] = [];
  let n = 0;
  const all = texts();
  for (let i = 0; n < words; i++) {
    const t = all[i % all.length];
    parts.push(t);
    n += t.split(/\s+/).length;
  }
  const text = parts.join('\n');
  // Cut at a line end near the wanted size.
  const tokens = text.split(/(\s+)/);
  let out = '';
  let count = 0;
  for (const t of tokens) {
    if (count >= words && t.includes('\n')) break;
    out += t;
    if (/\S/.test(t)) count++;
  }
  return out + '\n';
}
