// Generated source articles for the benchmarks: sentences from the seeds and
// our test articles, recombined, with names, places and numbers varied so the
// index sees a realistic vocabulary rather than 10,000 copies of four texts.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../root';

/** A small deterministic generator (mulberry32), so every run indexes the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Maria', 'Ahmed', 'Lena', 'Tomas', 'Priya', 'Omar', 'Hana', 'Victor', 'Sofia', 'Daniel', 'Amira', 'Jonas', 'Keiko', 'Rafael', 'Nadia', 'Ivan', 'Grace', 'Samir', 'Elena', 'Marcus'];
const LAST = ['Okafor', 'Haddad', 'Lindqvist', 'Moreau', 'Chen', 'Kowalski', 'Nakamura', 'Silva', 'Petrov', 'Abadi', 'Fischer', 'Rossi', 'Novak', 'Santos', 'Keller', 'Dubois', 'Yilmaz', 'Kaur', 'Brennan', 'Ortega'];
const PLACES = ['Aleppo', 'Mosul', 'Kharkiv', 'Tripoli', 'Khartoum', 'Sidon', 'Hodeidah', 'Kandahar', 'Goma', 'Mogadishu', 'Idlib', 'Bakhmut', 'Jenin', 'Marib', 'Tyre', 'Homs', 'Odesa', 'Benghazi', 'Juba', 'Aden'];
const NAMES_IN_TEXT = ['Matthew Miller', 'Joe Biden', 'Yoav Gallant', 'Lloyd Austin', 'Alon Pinkas', 'Karine Jean-Pierre', 'Sabrina Singh', 'Herzi Halevi', 'John Kirby', 'Ali Khamenei', 'Bill Burns'];
const PLACES_IN_TEXT = ['Lebanon', 'Gaza', 'Rafah', 'Cairo', 'Tel Aviv', 'Kerem Shalom', 'Springfield'];

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.match(/[^.!?]+[.!?]+["”’]?/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 6);
}

/** Every sentence of the seeds and of our labelled articles. */
export function sentencePool(): string[] {
  const texts = [
    ...readdirSync(join(ROOT, 'seeds')).map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8')),
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'articles'))
      .filter((f) => /\.(txt|md)$/.test(f))
      .map((f) => readFileSync(join(ROOT, 'test', 'fixtures', 'articles', f), 'utf8')),
  ];
  return texts.flatMap(sentencesOf);
}

function vary(sentence: string, rnd: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  let s = sentence;
  for (const n of NAMES_IN_TEXT) if (s.includes(n)) s = s.split(n).join(`${pick(FIRST)} ${pick(LAST)}`);
  for (const p of PLACES_IN_TEXT) if (s.includes(p) && rnd() < 0.7) s = s.split(p).join(pick(PLACES));
  return s.replace(/\b\d{1,3}(?:,\d{3})+\b|\b\d+\b/g, (m) => {
    if (rnd() < 0.5) return m;
    const n = Number(m.replace(/,/g, ''));
    return Math.max(1, Math.round(n * (0.2 + rnd() * 3))).toLocaleString('en-US');
  });
}

/** A generated article of about `words` words. */
export function article(pool: string[], rnd: () => number, words: number): string {
  const title = vary(pool[Math.floor(rnd() * pool.length)], rnd).replace(/[.!?"”’]+$/, '');
  const out = [title];
  let count = 0;
  while (count < words) {
    const s = vary(pool[Math.floor(rnd() * pool.length)], rnd);
    out.push(s);
    count += s.split(/\s+/).length;
  }
  return out.join('\n') + '\n';
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A generated article as a saved news page: head metadata, navigation, the article, a footer. */
export function page(text: string, i: number): string {
  const [title, ...paragraphs] = text.trim().split('\n');
  const day = String((i % 28) + 1).padStart(2, '0');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)} | Daily Bench</title>
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:site_name" content="Daily Bench">
<meta property="article:published_time" content="2024-10-${day}T09:00:00Z">
<link rel="canonical" href="https://bench.example/${i}">
<script>window.dataLayer = [];</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning issued</a></li></ul></aside></main>
<footer><p>© 2024 Daily Bench</p></footer>
</body></html>
`;
}

/** Writes `n` generated source articles into `dir`, as saved web pages. */
export function writeHtmlCorpus(dir: string, n: number, seed = 1): void {
  mkdirSync(dir, { recursive: true });
  const pool = sentencePool();
  const rnd = random(seed);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `page-${String(i).padStart(5, '0')}.html`), page(article(pool, rnd, 300 + Math.floor(rnd() * 500)), i));
}

/** Writes `n` generated source articles into `dir`. */
export function writeCorpus(dir: string, n: number, seed = 1): void {
  mkdirSync(dir, { recursive: true });
  const pool = sentencePool();
  const rnd = random(seed);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `source-${String(i).padStart(5, '0')}.txt`), article(pool, rnd, 300 + Math.floor(rnd() * 500)));
}
