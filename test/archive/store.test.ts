// The corpus contract (corpus/store.ts), run against every backend: the
// in-memory corpus and the PostgreSQL archive holding the same files. Each
// backend must answer the small texts below as the contract says, and both
// must answer alike, query for query, on the seeds and our fixtures.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { ArchiveStore, notingMissing, type ArchivePerson, type ArchiveSource } from '../../server/src/archive/store';
import { checkArticleIn } from '../../server/src/engine';
import { openPool } from '../../server/src/archive/db';
import { ingest, type IngestOptions } from '../../server/src/archive/ingest';
import { Corpus } from '../../server/src/corpus/corpus';
import type { Passage } from '../../server/src/corpus/passages';
import { MemoryStore, type CorpusStore } from '../../server/src/corpus/store';
import { sentenceFeatures, termsOf, vector } from '../../server/src/corpus/terms';
import { ROOT } from '../root';
import { writeCorpus } from '../bench/generate';
import { testServer } from './postgres';

const STORY =
  'Port officials said 1,200 containers were stranded at the Elm Harbor terminal on Tuesday after a crane failure. ' +
  'Truck drivers waited in lines that stretched back to the highway, and two shipping lines said they would send their vessels to other ports until the terminal reopened. ' +
  'The port authority said engineers were inspecting the other cranes.';
const GRAIN = "The terminal handles most of the region's grain exports.";
const TEXTS: Record<string, string> = {
  'harbor.txt': `${STORY}\n\nHarbor Master Dana Whitcombe said the cranes would restart by Friday.\n`,
  // The same story, copied word for word with a line added: a near-duplicate.
  'harbor-copy.txt': `${STORY}\n\nHarbor Master Dana Whitcombe said the cranes would restart by Friday.\n\n${GRAIN}\n`,
  'followup.txt': 'Whitcombe said on Friday that the cranes at Elm Harbor were working again.\n\n"We are back to full speed," Whitcombe said.\n',
  'council.md': '# Council vote\n\nThe city council approved $4.5 million for road repairs, Mayor Lena Ortiz said.\n',
};

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-store-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function memoryStore(folders: string[]): MemoryStore {
  const corpus = new Corpus();
  corpus.load(folders);
  return new MemoryStore(corpus);
}

/** A new database holding these folders; its connection string. */
async function ingested(database: string, folders: string[], options: IngestOptions = {}): Promise<string> {
  const url = await (await testServer()).createDatabase(database);
  const pool = openPool(url);
  try {
    await ingest(pool, url, folders, options);
  } finally {
    await pool.end();
  }
  return url;
}

async function archiveStore(database: string, folders: string[]): Promise<ArchiveStore> {
  return ArchiveStore.open(await ingested(database, folders));
}

const place = (p: Passage) => `${p.source.id}@${p.start}-${p.end}`;

type Backend = { name: string; open: (folders: string[], tag: string) => Promise<CorpusStore> };
const BACKENDS: Backend[] = [
  { name: 'memory', open: async (folders) => memoryStore(folders) },
  { name: 'postgres', open: (folders, tag) => archiveStore(`store_${tag}`, folders) },
];

for (const backend of BACKENDS) {
  describe(`corpus contract: ${backend.name}`, function () {
    this.timeout(120000);
    let dir: string;
    let store: CorpusStore;
    const id = (name: string) => `${dir.split('/').pop()}/${name}`;

    before(async () => {
      dir = folderWith(TEXTS);
      store = await backend.open([dir], 'contract');
    });
    after(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('counts its sources and the passages a term occurs in', async () => {
      assert.equal(await store.size(), 4);
      const stats = await store.termStats(['crane', 'grain', 'never-a-term']);
      // Passages are the body sentences: 4 + 5 + 2 + 1.
      assert.equal(stats.documents, 12);
      assert.equal(stats.count('grain'), 1);
      assert.equal(stats.count('never-a-term'), 0);
      assert.ok(stats.weight('grain') > stats.weight('crane'));
    });

    it('retrieves the passages that share the rarest terms, best first, within the limit', async () => {
      const [grain, cranes, none] = await store.retrieve([['grain', 'export'], termsOf('cranes restart Friday'), ['never-a-term']], 3);
      const at = TEXTS['harbor-copy.txt'].indexOf(GRAIN);
      assert.deepEqual(grain.map(place), [`${id('harbor-copy.txt')}@${at}-${at + GRAIN.length}`]);
      assert.equal(cranes.length, 3);
      assert.ok(cranes.every((p) => /cranes/.test(p.source.text.slice(p.start, p.end))));
      assert.deepEqual(none, []);
    });

    it('never retrieves from the article itself or a copy of its text', async () => {
      const query = [['grain', 'export', 'crane']];
      const all = (await store.retrieve(query, 10))[0].map((p) => p.source.id);
      assert.ok(all.includes(id('harbor-copy.txt')));
      const byPath = (await store.retrieve(query, 10, { locator: join(dir, 'harbor-copy.txt') }))[0].map((p) => p.source.id);
      assert.ok(!byPath.includes(id('harbor-copy.txt')));
      const byText = (await store.retrieve(query, 10, { text: TEXTS['harbor-copy.txt'] }))[0].map((p) => p.source.id);
      assert.ok(!byText.includes(id('harbor-copy.txt')) && byText.includes(id('harbor.txt')));
    });

    it('finds sources by locator', async () => {
      const [found, missing] = await store.sources([join(dir, 'council.md'), join(dir, 'nope.txt')]);
      assert.equal(found?.id, id('council.md'));
      assert.equal(found?.text, TEXTS['council.md']);
      assert.equal(missing, undefined);
    });

    it('resolves surnames against the whole corpus and tells what it says about a person', async () => {
      const people = await store.people(['Whitcombe']);
      assert.equal(people.resolve('Whitcombe')?.name, 'Dana Whitcombe');
      const persons = await store.persons(['Dana Whitcombe', 'Nobody Here']);
      assert.deepEqual([...persons.keys()], ['Dana Whitcombe']);
      const p = persons.get('Dana Whitcombe')!;
      assert.deepEqual([...p.titles].map(([t, s]) => [t, [...s].sort()]), [['Harbor Master', [id('harbor-copy.txt'), id('harbor.txt')]]]);
      // The follow-up names her by surname only; the corpus resolves it.
      assert.ok(p.mentions.some((m) => m.source.id === id('followup.txt') && m.title === undefined));
      assert.deepEqual(p.quotes.map((q) => q.text), ['We are back to full speed,']);
    });

    it('counts a near-duplicate as the same source', async () => {
      const [a, copy, council] = (await store.sources(['harbor.txt', 'harbor-copy.txt', 'council.md'].map((f) => join(dir, f)))) as NonNullable<Awaited<ReturnType<CorpusStore['sources']>>[number]>[];
      assert.deepEqual(await store.independent([[a, copy], [a, council], [a, copy, council], []]), [1, 2, 2, 0]);
    });

    it('compares an article with sources as wholes', async () => {
      const [harbor, council] = (await store.sources([join(dir, 'harbor.txt'), join(dir, 'council.md')])) as NonNullable<Awaited<ReturnType<CorpusStore['sources']>>[number]>[];
      const terms = termsOf(TEXTS['harbor.txt']);
      const [same, other] = await store.similarity(vector(terms, await store.termStats(terms)), [harbor, council]);
      assert.ok(same > 0.99 && other < 0.1, `${same} ${other}`);
    });
  });
}

describe('corpus contract: both backends answer alike on the seeds and fixtures', function () {
  this.timeout(300000);
  let dir: string;
  let memory: CorpusStore;
  let archive: CorpusStore;

  before(async () => {
    // A copy, so nothing the archive stores points into the repository.
    dir = mkdtempSync(join(tmpdir(), 'claimlens-alike-'));
    cpSync(join(ROOT, 'seeds'), join(dir, 'seeds'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'articles'), join(dir, 'articles'), { recursive: true, filter: (f) => !f.endsWith('.json') });
    const folders = [join(dir, 'seeds'), join(dir, 'articles')];
    memory = memoryStore(folders);
    archive = await archiveStore('store_alike', folders);
  });
  after(async () => {
    await memory?.close();
    await archive?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same passages for every sentence of every source, the article itself excluded', async () => {
    const files = (memory as MemoryStore).corpus.sources().map((s) => s.path);
    let compared = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const analysis = analyze(text, { format: path.endsWith('.md') ? 'markdown' : 'plaintext', people: await memory.people() });
      const queries = analysis.sentences.map((s) => [...sentenceFeatures(text, s, analysis).terms.keys()]);
      const exclude = { locator: path, text };
      const [a, b] = await Promise.all([memory.retrieve(queries, 40, exclude), archive.retrieve(queries, 40, exclude)]);
      assert.deepEqual(b.map((list) => list.map(place)), a.map((list) => list.map(place)), path);
      assert.deepEqual(
        b.map((l) => l.map((p) => [p.entities, p.figures, p.officials, p.quotes])),
        a.map((l) => l.map((p) => [p.entities, p.figures, p.officials, p.quotes])),
      );
      const terms = queries.flat();
      const [sa, sb] = await Promise.all([memory.termStats(terms), archive.termStats(terms)]);
      assert.equal(sb.documents, sa.documents);
      for (const t of terms) assert.equal(sb.weight(t), sa.weight(t), t);
      const names = [...new Set(analysis.officials.map((o) => o.name))];
      const [pa, pb] = await Promise.all([memory.persons(names), archive.persons(names)]);
      const shape = (m: Map<string, import('../../server/src/corpus/people').PersonRecord>) =>
        [...m.values()].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ name: p.name, titles: [...p.titles].map(([t, s]) => [t, [...s]]), mentions: p.mentions.map((x) => ({ ...x, source: x.source.id })), quotes: p.quotes.map((x) => ({ ...x, source: x.source.id })) }));
      assert.deepEqual(shape(pb), shape(pa));
      const supported = a.map((list) => [...new Set(list.map((p) => p.source.path))]);
      const [la, lb] = await Promise.all([Promise.all(supported.map((l) => memory.sources(l))), Promise.all(supported.map((l) => archive.sources(l)))]);
      assert.deepEqual(await archive.independent(lb as never), await memory.independent(la as never));
      compared += queries.length;
    }
    assert.ok(files.length >= 10 && compared > 100, `${files.length} files, ${compared} queries`);
  });
});

describe('archive: person records without source bodies', function () {
  this.timeout(120000);
  let dir: string;
  let url: string;
  before(async () => {
    dir = folderWith(TEXTS);
    url = await ingested('store_bodies', [dir]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a person's sources without bodies, and a quote's body when a hover asks for it", async () => {
    const store = await ArchiveStore.open(url);
    try {
      const p = (await store.persons(['Dana Whitcombe'])).get('Dana Whitcombe')!;
      const byId = new Map(p.mentions.map((m) => [m.source.id, m.source as ArchiveSource]));
      const unread = byId.get(`${dir.split('/').pop()}/harbor.txt`)!;
      assert.equal(unread.hasBody, false);
      // Nor their summaries: their briefs name and date them as the whole summary would.
      assert.equal(unread.hasSummary, false);
      const inMemory = memoryStore([dir]).corpus.sources().find((s) => s.id === unread.id)!;
      assert.deepEqual([unread.label, unread.meta], [inMemory.label, inMemory.meta]);
      assert.equal(unread.hasSummary, false);
      // The quotes' sources too: the hover that shows one's line completes it first, into the same object.
      const quoted = p.quotes[0].source as ArchiveSource;
      assert.equal(quoted.hasBody, false);
      await store.complete([quoted]);
      assert.equal(quoted.hasBody, true);
      assert.ok(quoted.text.includes(p.quotes[0].text));
      // Retrieval needs the body of a source met without one, and reads it into the same object.
      const [harbor] = await store.sources([join(dir, 'harbor.txt')]);
      assert.equal(harbor, byId.get(`${dir.split('/').pop()}/harbor.txt`));
      assert.equal(harbor?.text, TEXTS['harbor.txt']);
      assert.equal((harbor as ArchiveSource).hasSummary, true);
      assert.deepEqual(harbor?.summary.officials, inMemory.summary.officials);
    } finally {
      await store.close();
    }
  });

  it('fetches the body of a source a finding quotes, for the same report as in memory', async () => {
    const text = 'Mayor Dana Whitcombe said the cranes would restart by Friday.\n';
    const options = { format: 'plaintext' as const, path: join(tmpdir(), 'draft.txt') };
    const store = await ArchiveStore.open(url);
    try {
      const [a, b] = [await checkArticleIn(memoryStore([dir]), text, options), await checkArticleIn(store, text, options)];
      const titles = (r: typeof a) => r.findings.filter((f) => f.kind === 'title-conflict').map((f) => f.sources.map((s) => s.text));
      assert.deepEqual(titles(b), titles(a));
      assert.ok(titles(a).flat().some((t) => t.includes('Harbor Master')), JSON.stringify(titles(a)));
    } finally {
      await store.close();
    }
  });

  it("reads a person's sources only when a rule reads their mentions: a title conflict, not an agreeing title", async () => {
    const options = { format: 'plaintext' as const, path: join(tmpdir(), 'draft.txt') };
    const store = await ArchiveStore.open(url);
    try {
      const whitcombe = async () => (await store.personsInPart(['Dana Whitcombe'])).get('Dana Whitcombe')!;
      const agreeing = 'Harbor Master Dana Whitcombe said the cranes would restart by Friday.\n';
      const a = await checkArticleIn(store, agreeing, options);
      assert.deepEqual(a, await checkArticleIn(memoryStore([dir]), agreeing, options));
      const p = await whitcombe();
      // The check asked about her (the hover will), and knew her titles, without reading a source of hers.
      assert.equal(p.resolved, false);
      assert.deepEqual([...p.titles.keys()], ['Harbor Master']);
      // Read outside a check, the mentions are empty until resolved; inside one, reading them notes her.
      const wanted = { bodies: new Set<ArchiveSource>(), summaries: new Set<ArchiveSource>(), people: new Set<ArchivePerson>() };
      assert.deepEqual(
        notingMissing(wanted, () => p.mentions),
        [],
      );
      assert.deepEqual([...wanted.people], [p]);
      const conflicting = 'Mayor Dana Whitcombe said the cranes would restart by Friday.\n';
      const b = await checkArticleIn(store, conflicting, options);
      assert.ok(b.findings.some((f) => f.kind === 'title-conflict'));
      assert.equal(p, await whitcombe());
      assert.equal(p.resolved, true);
      assert.equal(p.mentions.length, (await memoryStore([dir]).persons(['Dana Whitcombe'])).get('Dana Whitcombe')!.mentions.length);
    } finally {
      await store.close();
    }
  });

  it("resolves people in one read, with the bodies of the quotes a hover shows", async () => {
    const store = await ArchiveStore.open(url);
    try {
      const p = (await store.personsInPart(['Dana Whitcombe', 'Nobody Here'])).get('Dana Whitcombe')!;
      await store.resolvePeople([p], 1);
      const quoted = p.quotes[0].source as ArchiveSource;
      assert.equal(quoted.hasBody, true);
      assert.ok(quoted.text.includes(p.quotes[0].text));
      // The mentions' other sources still come without their bodies.
      assert.ok(p.mentions.some((m) => !(m.source as ArchiveSource).hasBody));
      // As the contract's whole records give them.
      const whole = (await memoryStore([dir]).persons(['Dana Whitcombe'])).get('Dana Whitcombe')!;
      assert.deepEqual(
        p.mentions.map((m) => [m.source.id, m.start, m.title]),
        whole.mentions.map((m) => [m.source.id, m.start, m.title]),
      );
    } finally {
      await store.close();
    }
  });
});

describe("archive: a person's titles read alone", function () {
  this.timeout(120000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads the titles alone, the record when resolved, and the record alone from an archive written before the titles', async () => {
    const dir = folderWith(TEXTS);
    dirs.push(dir);
    const url = await ingested('store_titles', [dir]);
    const wholeIn = async (folders: string[]) => (await memoryStore(folders).persons(['Dana Whitcombe'])).get('Dana Whitcombe')!;
    const shape = (p: import('../../server/src/corpus/people').PersonRecord) => ({
      titles: [...p.titles].map(([t, s]) => [t, [...s]]),
      mentions: p.mentions.map((m) => [m.source.id, m.start, m.title]),
      quotes: p.quotes.map((q) => [q.source.id, q.text]),
    });
    /** Dana Whitcombe read in part, then resolved: the whole record every way. */
    const read = async (expectRecord: boolean, folders = [dir]) => {
      const whole = await wholeIn(folders);
      const store = await ArchiveStore.open(url);
      try {
        const p = (await store.personsInPart(['Dana Whitcombe'])).get('Dana Whitcombe')!;
        assert.equal(p.hasRecord, expectRecord);
        assert.deepEqual([...p.titles].map(([t, s]) => [t, [...s]]), shape(whole).titles);
        await store.resolvePeople([p]);
        assert.equal(p.hasRecord, true);
        assert.deepEqual(shape(p), shape(whole));
      } finally {
        await store.close();
      }
    };
    await read(false);
    const pool = openPool(url);
    try {
      // Records written before the column: NULL there (an ingest adds the column), or no column at all.
      await pool.query('UPDATE persons SET titles = NULL');
      await read(true);
      await pool.query('ALTER TABLE persons DROP COLUMN titles');
      await read(true);
      // The next ingest adds the column; its finalize writes the titles of every record it reads.
      const more = folderWith({ 'port.txt': 'Port Director Sam Whitcombe said the new berth opens in May.\n' });
      dirs.push(more);
      await ingest(pool, url, [dir, more], {});
      const missing = await pool.query('SELECT name FROM persons WHERE titles IS NULL');
      assert.deepEqual(missing.rows, []);
      // (Her bare "Whitcombe" in the follow-up is hers no longer: another titled Whitcombe came.)
      await read(false, [dir, more]);
    } finally {
      await pool.end();
    }
  });
});

describe('archive: ranking by a walk over the shortest sources', function () {
  this.timeout(300000);
  let dir: string;
  let memory: MemoryStore;
  let url: string;
  before(async () => {
    // Generated articles repeat a pool of sentences, so many of their terms are common.
    dir = mkdtempSync(join(tmpdir(), 'claimlens-walk-'));
    writeCorpus(join(dir, 'generated'), 150, 7);
    memory = memoryStore([join(dir, 'generated')]);
    url = await ingested('store_walk', [join(dir, 'generated')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks as the in-memory index does, whether the walk settles a query or the whole ranking is asked', async () => {
    // A walk of 4 sources: terms in more than sqrt(4 × 150) ≈ 25 sources are walked; a walk too short to settle is followed by the whole ranking.
    // (Without the terms' lists, which would settle most queries first.)
    const store = await ArchiveStore.open(url, { walk: 4, lists: false });
    try {
      const sources = memory.corpus.sources().slice(0, 5);
      for (const s of sources) {
        const analysis = analyze(s.text, { people: memory.people() });
        const queries = analysis.sentences.map((x) => [...sentenceFeatures(s.text, x, analysis).terms.keys()]);
        // Whole sentences, and their three rarest terms as evidence asks when few are rare.
        const stats = memory.termStats();
        const rarest = queries.map((q) => [...q].sort((a, b) => stats.weight(b) - stats.weight(a)).slice(0, 3));
        for (const list of [queries, rarest]) {
          const exclude = { locator: s.path, text: s.text };
          const [a, b] = [memory.retrieve(list, 40, exclude), await store.retrieve(list, 40, exclude)];
          assert.deepEqual(b.map((l) => l.map(place)), a.map((l) => l.map(place)), s.path);
        }
      }
      assert.ok(store.ranking.settled > 10 && store.ranking.full > 0, JSON.stringify(store.ranking));
    } finally {
      await store.close();
    }
  });

  it("answers an edited article's repeated queries from kept rankings, excluding whichever source has its text now", async () => {
    const store = await ArchiveStore.open(url);
    try {
      const stats = memory.termStats();
      const draft = join(dir, 'draft.txt');
      for (const s of memory.corpus.sources().slice(0, 4)) {
        const analysis = analyze(s.text, { people: memory.people() });
        const queries = analysis.sentences.map((x) => [...sentenceFeatures(s.text, x, analysis).terms.keys()].sort((a, b) => stats.weight(b) - stats.weight(a)).slice(0, 3));
        // Keystrokes: a text no source has, then the text of an archived source (which is then left out), then another edit.
        for (const text of [`${s.text} draft`, s.text, `${s.text} again`]) {
          const exclude = { locator: draft, text };
          const [a, b] = [memory.retrieve(queries, 40, exclude), await store.retrieve(queries, 40, exclude)];
          assert.deepEqual(b.map((l) => l.map(place)), a.map((l) => l.map(place)), `${s.path}: ${text.slice(-6)}`);
        }
      }
      assert.ok(store.ranking.kept > 0, JSON.stringify(store.ranking));
    } finally {
      await store.close();
    }
  });
});

describe('archive: people lookups kept between edits', function () {
  this.timeout(120000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const [how, peopleTable, version, readsOrtiz] of [
    ["by name in finalize's people table", true, 'cl-people-version', 'cl-people-named ["Lena Ortiz","Ortiz"]'],
    ['by the words of names (an archive from before that table)', false, 'cl-version', 'cl-people ["%Lena%","%Ortiz%"]'],
  ] as const) {
    it(`answers the same names again without reading them, until an ingest changes the people: ${how}`, async () => {
      const dir = folderWith(TEXTS);
      dirs.push(dir);
      const url = await ingested(`store_people_${peopleTable}`, [dir]);
      const store = await ArchiveStore.open(url, { peopleTable });
      const statements: string[] = [];
      const spy = store as unknown as { query: (name: string, text: string, values: unknown[]) => Promise<unknown> };
      const query = spy.query.bind(store);
      spy.query = (name, text, values) => (statements.push(/^cl-people(-named)?$/.test(name) ? `${name} ${JSON.stringify(values[0])}` : name), query(name, text, values));
      try {
        assert.equal((await store.people(['Whitcombe', 'Elm Harbor'])).resolve('Whitcombe')?.name, 'Dana Whitcombe');
        // The same names in another order, as after a keystroke: nothing read but the people's version.
        statements.length = 0;
        assert.equal((await store.people(['Elm Harbor', 'Whitcombe'])).resolve('Whitcombe')?.name, 'Dana Whitcombe');
        assert.deepEqual(statements, [version]);
        // Names added: only they are read.
        statements.length = 0;
        const added = await store.people(['Elm Harbor', 'Whitcombe', 'Lena Ortiz', 'Ortiz']);
        assert.deepEqual(statements, [version, readsOrtiz]);
        assert.deepEqual(added.resolve('Ortiz')?.titles, ['Mayor']);
        assert.equal(added.resolve('Whitcombe')?.name, 'Dana Whitcombe');
        // A second titled Whitcombe arrives: the surname alone no longer tells which.
        const more = folderWith({ 'port.txt': 'Port Director Sam Whitcombe said the new berth opens in May.\n' });
        dirs.push(more);
        const pool = openPool(url);
        await ingest(pool, url, [more]).finally(() => pool.end());
        const people = await store.people(['Whitcombe', 'Sam Whitcombe', 'Elm Harbor']);
        assert.equal(people.resolve('Whitcombe'), undefined);
        assert.deepEqual(people.resolve('Sam Whitcombe')?.titles, ['Port Director']);
      } finally {
        await store.close();
      }
    });
  }

  it('reads people by the words of names while the people table is not complete, in the same store', async () => {
    const dir = folderWith(TEXTS);
    dirs.push(dir);
    const url = await ingested('store_people_incomplete', [dir]);
    const store = await ArchiveStore.open(url);
    const pool = openPool(url);
    try {
      assert.equal((await store.people(['Whitcombe'])).resolve('Whitcombe')?.name, 'Dana Whitcombe');
      // As an archive from before the table is until its next finalize; an ingest marks it so.
      await pool.query('UPDATE archive_stats SET inputs_complete = false, people_version = people_version + 1');
      const statements: string[] = [];
      const spy = store as unknown as { query: (name: string, text: string, values: unknown[]) => Promise<unknown> };
      const query = spy.query.bind(store);
      spy.query = (name, text, values) => (statements.push(name), query(name, text, values));
      assert.equal((await store.people(['Whitcombe'])).resolve('Whitcombe')?.name, 'Dana Whitcombe');
      assert.deepEqual(statements, ['cl-people-version', 'cl-people']);
    } finally {
      await pool.end();
      await store.close();
    }
  });
});

describe('archive: one object per source while anything holds it', function () {
  this.timeout(120000);
  let dir: string;
  let url: string;
  before(async () => {
    dir = folderWith(TEXTS);
    url = await ingested('store_identity', [dir]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a person's quoted source, body and lines, after it left the cache and was read again without its body", async () => {
    // A cache of one source: every read pushes the others out.
    const store = await ArchiveStore.open(url, { cachedSources: 1 });
    try {
      const quote = (await store.persons(['Dana Whitcombe'])).get('Dana Whitcombe')!.quotes[0];
      // As a hover showing the quote's line reads it.
      await store.complete([quote.source as ArchiveSource]);
      assert.ok((quote.source as ArchiveSource).hasBody);
      await store.sources([join(dir, 'council.md'), join(dir, 'harbor.txt')]);
      // Read again (a passage retrieved from it, say): the same object, with its body, so a link finds its line.
      const [again] = await store.sources([join(dir, 'followup.txt')]);
      assert.equal(again, quote.source);
      assert.ok(again!.text.includes(quote.text));
    } finally {
      await store.close();
    }
  });
});

describe("archive: ranking from the terms' lists of shortest sources", function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlens-lists-'));
    writeCorpus(join(dir, 'generated'), 150, 11);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Every sentence's query and its three rarest terms, from a few sources, ranked by both; how the archive ranked them. */
  async function sameRankings(memory: MemoryStore, url: string, options: { walk?: number } = {}): Promise<ArchiveStore['ranking']> {
    const store = await ArchiveStore.open(url, options);
    try {
      const stats = memory.termStats();
      for (const s of memory.corpus.sources().slice(0, 6)) {
        const analysis = analyze(s.text, { people: memory.people() });
        const queries = analysis.sentences.map((x) => [...sentenceFeatures(s.text, x, analysis).terms.keys()]);
        const rarest = queries.map((q) => [...q].sort((a, b) => stats.weight(b) - stats.weight(a)).slice(0, 3));
        for (const list of [queries, rarest]) {
          const exclude = { locator: s.path, text: `${s.text} (edited)` };
          const [a, b] = [memory.retrieve(list, 40, exclude), await store.retrieve(list, 40, exclude)];
          assert.deepEqual(b.map((l) => l.map(place)), a.map((l) => l.map(place)), s.path);
        }
      }
      return { ...store.ranking };
    } finally {
      await store.close();
    }
  }

  it('ranks as the in-memory index does with lists cut short, reading the rest only where the lists cannot tell', async () => {
    // Lists of 20 (cut at 40): every common term's list is cut, so rankings rest on the lists' bounds.
    const url = await ingested('store_lists', [join(dir, 'generated')], { shortest: 20, batchSize: 40 });
    const ranking = await sameRankings(memoryStore([join(dir, 'generated')]), url, { walk: 4 });
    assert.ok(ranking.listed > 10 && ranking.conjoined > 0 && ranking.settled + ranking.full > 0, JSON.stringify(ranking));
  });

  it('keeps the lists exact when sources are added, changed and removed', async () => {
    const folder = join(dir, 'changing');
    cpSync(join(dir, 'generated'), folder, { recursive: true });
    const url = await ingested('store_lists_changed', [folder], { shortest: 20 });
    const files = memoryStore([folder]).corpus.sources().map((s) => s.path);
    // Remove a fifth of the files, shorten some, and add new ones: lists lose sources, and shorter ones enter them.
    files.slice(0, 30).forEach((f) => rmSync(f));
    files.slice(30, 40).forEach((f) => writeFileSync(f, readFileSync(f, 'utf8').split('\n\n').slice(0, 2).join('\n\n')));
    writeCorpus(join(folder, 'more'), 20, 12);
    const pool = openPool(url);
    try {
      await ingest(pool, url, [folder], { shortest: 20 });
    } finally {
      await pool.end();
    }
    const ranking = await sameRankings(memoryStore([folder]), url, { walk: 4 });
    assert.ok(ranking.listed > 10, JSON.stringify(ranking));
  });

  it('ranks an archive ingested before the lists existed, and one whose old terms have none', async () => {
    const folder = join(dir, 'old');
    cpSync(join(dir, 'generated'), folder, { recursive: true });
    const url = await ingested('store_lists_old', [folder]);
    const pool = openPool(url);
    try {
      await pool.query('ALTER TABLE terms DROP COLUMN short_ids, DROP COLUMN short_lens, DROP COLUMN short_upto');
      const before = await sameRankings(memoryStore([folder]), url);
      assert.equal(before.listed, 0, JSON.stringify(before));
      // The next ingest adds the columns: the terms counted before have no list, new ones do.
      writeFileSync(join(folder, 'zz-new.txt'), 'Harbor cranes at the Quillfeather terminal restarted on Friday, officials said.\n');
      await ingest(pool, url, [folder]);
      const lists = await pool.query('SELECT count(*) FILTER (WHERE short_ids IS NULL) AS old, count(*) FILTER (WHERE short_ids IS NOT NULL) AS listed FROM terms');
      assert.ok(Number(lists.rows[0].old) > 0 && Number(lists.rows[0].listed) > 0, JSON.stringify(lists.rows[0]));
      await sameRankings(memoryStore([folder]), url);
    } finally {
      await pool.end();
    }
  });
});
