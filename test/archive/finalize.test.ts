// The incremental finalize against the whole one: after each ingest of a
// sequence (add, add more, change, remove, a finalize that failed), the rows
// it left — summaries with their groups, mentions, person records, the people
// index — are compared with what a whole finalize of the same archive then
// writes, row by row, and the way it went is checked (incremental where the
// sequence only adds and nothing forces the whole archive).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import type pg from 'pg';
import { openPool } from '../../server/src/archive/db';
import { finalize, shingleKeys, type FinalizeMode } from '../../server/src/archive/finalize';
import type { SourceSummary } from '../../server/src/corpus/source';
import { ingest } from '../../server/src/archive/ingest';
import { writeCorpus } from '../bench/generate';
import { testServer } from './postgres';

// Two unrelated stories, long enough to have the sampled shingles near-duplicate detection counts.
const HARBOR =
  'Port officials said 1,200 containers were stranded at the Elm Harbor terminal on Tuesday after a crane failure, and the terminal operator said the backlog would take at least a week to clear once the cranes were running again. Shipping lines diverted four vessels to the northern berths, where crews worked through the night to unload refrigerated cargo before it spoiled. Dock workers said the second crane had been due for inspection since the spring and that spare parts were ordered from a supplier overseas.\n';
const RIVER =
  'The river rose above its banks near the old mill on Sunday evening, flooding two streets and the basement of the public library, where volunteers carried boxes of records to the upper floor. Engineers from the county measured the water every hour and said the levee along the east bank held, although sandbags were stacked at the low point behind the school. Residents of the lower streets spent the night with relatives or in the gymnasium that the town opened as a shelter.\n';
// One sentence many sources repeat: its shingles gain owners with every source.
const SHARED = 'The regional transport authority said the timetable for the coastal line would change from the first Monday of next month.';

/**
 * The shingles table keeps, for every hash, at least its first nine owners
 * in archive order and no row of a source gone: what the incremental
 * finalize reads of it.
 */
async function checkShingles(p: pg.Pool, why: string) {
  const owners = new Map<number, string[]>();
  for (const row of (await p.query('SELECT id, summary FROM sources ORDER BY id')).rows) {
    for (const h of shingleKeys((deserialize(row.summary) as SourceSummary).shingles)) owners.get(h)?.push(row.id) ?? owners.set(h, [row.id]);
  }
  const stored = new Map<number, string[]>();
  for (const row of (await p.query('SELECT hash, source FROM shingles ORDER BY source')).rows) stored.get(row.hash)?.push(row.source) ?? stored.set(row.hash, [row.source]);
  for (const [h, ids] of stored) assert.ok(ids.every((id) => owners.get(h)?.includes(id)), `${why}: shingle ${h} keeps a row of a source without it`);
  for (const [h, ids] of owners) assert.deepEqual((stored.get(h) ?? []).slice(0, 9), ids.slice(0, 9), `${why}: shingle ${h} lacks one of its first owners`);
}

async function snapshot(p: pg.Pool) {
  const rows = async (sql: string) => (await p.query(sql)).rows;
  return {
    summaries: await rows('SELECT source, summary, group_id FROM summaries ORDER BY source'),
    mentions: await rows('SELECT source, ord, name, title, bare FROM mentions ORDER BY source, ord'),
    persons: await rows('SELECT name, record, titles FROM persons ORDER BY name'),
    people: await rows('SELECT name, surname, title FROM people ORDER BY name'),
  };
}

describe('archive finalize, incremental', function () {
  this.timeout(180000);
  const temporary: string[] = [];
  let server: Awaited<ReturnType<typeof testServer>>;
  before(async () => {
    server = await testServer();
  });
  after(() => {
    for (const d of temporary) rmSync(d, { recursive: true, force: true });
  });
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'claimlens-finalize-'));
    temporary.push(d);
    return d;
  };
  const write = (dir: string, files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  };
  /** An archive of its own, and a step that ingests, then checks the rows against a whole finalize's. */
  const archive = async (name: string) => {
    const p = openPool(await server.createDatabase(name));
    const step = async (folders: string[], expected: FinalizeMode, why: string) => {
      const stats = await ingest(p, '', folders);
      assert.equal(stats.finalize, expected, `${why}: finalize went ${stats.finalize}`);
      await checkShingles(p, why);
      const mine = await snapshot(p);
      assert.equal(await finalize(p, { whole: true }), 'whole');
      const whole = await snapshot(p);
      assert.deepEqual(mine, whole, `${why}: the rows differ from the whole finalize's`);
      return mine;
    };
    return { p, step };
  };

  it('resolves new bare names, extends person records and titles new people as the whole finalize does', async () => {
    const { p, step } = await archive('finalize_names');
    const dir = folder();
    try {
      write(dir, {
        'a1.txt': `Harbor Master Dana Whitcombe said the cranes would restart by Friday.\n\n${HARBOR}`,
        'a2.txt': 'Whitcombe said the terminal would reopen on Monday, and the unions agreed.\n',
        'a3.txt': 'Mayor Lena Ortiz said the city would pay for the repairs.\n\n"We will not wait for the state," Ortiz said.\n',
        // Nobody called Tull has a title yet.
        'a0.txt': '"We will find who did it," Tull said on Monday.\n\nTull said the inquiry would go on until the summer.\n',
      });
      await step([dir], 'whole', 'a new archive');
      write(dir, {
        'a4.txt': 'Whitcombe said 40 vessels were waiting outside the harbor.\n',
        'a5.txt': '"The money is in the budget," Mayor Lena Ortiz said on Wednesday.\n',
        'a6.txt': 'Police Chief Raymond Tull said 3 people were arrested at the terminal.\n',
      });
      const second = await step([dir], 'incremental', 'new sources naming known and new people, one titling an older bare name');
      assert.equal(second.mentions.filter((r) => r.name === 'Raymond Tull' && r.bare).length, 2, 'the older bare Tulls are the new Police Chief');
      assert.ok(second.mentions.filter((r) => r.name === 'Dana Whitcombe' && r.bare).length >= 2, 'old and new bare Whitcombes are Dana');
      write(dir, { 'a7.txt': 'Tull said the inquiry would go on until the summer.\n', 'a8.txt': 'Councillor Anil Whitcombe said the vote was postponed.\n' });
      // A second titled Whitcombe makes the older sources' bare "Whitcombe" ambiguous.
      const third = await step([dir], 'incremental', 'a newly titled person sharing an older bare surname');
      assert.ok(second.mentions.some((r) => r.name === 'Dana Whitcombe' && r.bare), 'a bare Whitcombe was Dana');
      assert.ok(!third.mentions.some((r) => r.name === 'Dana Whitcombe' && r.bare), 'no bare Whitcombe is Dana now');
      write(dir, { 'a9.txt': 'Tull said 5 more people were questioned.\n' });
      await step([dir], 'incremental', 'after the whole one');
    } finally {
      await p.end();
    }
  });

  it('groups new near-duplicates with older sources, moving a group to a new smaller id and merging two groups', async () => {
    const { p, step } = await archive('finalize_groups');
    const dir = folder();
    try {
      write(dir, { 'g-b.txt': HARBOR, 'g-d.txt': RIVER });
      await step([dir], 'whole', 'a new archive');
      write(dir, { 'g-a.txt': HARBOR.replace('Tuesday', 'Wednesday').replace('four vessels', 'five vessels') });
      const moved = await step([dir], 'incremental', 'a near-duplicate whose id comes first');
      assert.equal(new Set(moved.summaries.map((r) => r.group_id)).size, 2, 'the harbor stories are one group');
      write(dir, { 'g-c.txt': `${HARBOR}\n${RIVER}` });
      const merged = await step([dir], 'incremental', 'a source that duplicates both groups');
      assert.equal(new Set(merged.summaries.map((r) => r.group_id)).size, 1, 'the bridge merged the groups');
    } finally {
      await p.end();
    }
  });

  it('takes the whole way when a shingle of grouped sources passes eight owners, and for changes and removals', async () => {
    const { p, step } = await archive('finalize_whole');
    const dir = folder();
    try {
      const others: Record<string, string> = {};
      for (let i = 0; i < 6; i++) others[`s${i}.txt`] = `Commuters in district ${i} queued at the station before dawn. ${SHARED}\n`;
      write(dir, { 'h1.txt': `${HARBOR}${SHARED}\n`, 'h2.txt': `${HARBOR.replace('Tuesday', 'Monday')}${SHARED}\n`, ...others });
      await step([dir], 'whole', 'a new archive');
      write(dir, { 's6.txt': `Drivers in the valley were told to expect delays. ${SHARED}\n` });
      await step([dir], 'whole', 'the ninth owner of shingles two grouped sources share');
      write(dir, { 'h1.txt': RIVER });
      await step([dir], 'whole', 'a changed file');
      unlinkSync(join(dir, 's3.txt'));
      await step([dir], 'whole', 'a removed file');
      write(dir, { 'n1.txt': 'Harbor Master Dana Whitcombe said the terminal had 2 working cranes.\n' });
      await step([dir], 'incremental', 'an addition after the removal');
      write(dir, { 's7.txt': `Cyclists asked for racks at every stop. ${SHARED}\n`, 's8.txt': `Ferry users asked about connections. ${SHARED}\n`, 's9.txt': `Night workers asked for a later last train. ${SHARED}\n` });
      await step([dir], 'incremental', 'a shared sentence past nine owners among sources in groups of their own');
      // One of its first nine owners goes: the tenth takes its place in the shingles table.
      unlinkSync(join(dir, 's0.txt'));
      await step([dir], 'whole', 'an early owner removed');
      write(dir, { 't1.txt': `Parents asked about school buses. ${SHARED}\n` });
      await step([dir], 'incremental', 'a tenth owner (not kept)');
      // Now the tenth owner, never written to the shingles table, is among the first nine.
      unlinkSync(join(dir, 's1.txt'));
      await step([dir], 'whole', 'another early owner removed');
      write(dir, { 't2.txt': `Pensioners asked about fares. ${SHARED}\n` });
      await step([dir], 'incremental', 'one more owner');
    } finally {
      await p.end();
    }
  });

  it('finishes the queue of an ingest whose finalize failed, on the next ingest', async () => {
    const { p, step } = await archive('finalize_crash');
    const dir = folder();
    try {
      write(dir, { 'c1.txt': 'Harbor Master Dana Whitcombe said the cranes would restart by Friday.\n' });
      await step([dir], 'whole', 'a new archive');
      write(dir, { 'c2.txt': 'Whitcombe said 12 ships had left.\n' });
      await p.query(`CREATE FUNCTION fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'finalize stopped'; END $$ LANGUAGE plpgsql`);
      await p.query(`CREATE TRIGGER fail BEFORE INSERT ON summaries FOR EACH ROW EXECUTE FUNCTION fail()`);
      await assert.rejects(ingest(p, '', [dir]), /finalize stopped/);
      await p.query(`DROP TRIGGER fail ON summaries`);
      // Nothing changed in the folder since: the queue left by the stopped ingest is finalized.
      const mine = await step([dir], 'incremental', 'the queue of the stopped ingest');
      assert.equal(mine.summaries.length, 2);
    } finally {
      await p.end();
    }
  });

  it('finalizes an archive made before its inputs existed whole once, filling them, then incrementally', async () => {
    const { p, step } = await archive('finalize_upgrade');
    const dir = folder();
    try {
      write(dir, { 'u1.txt': `Harbor Master Dana Whitcombe said the cranes would restart by Friday.\n\n${HARBOR}`, 'u2.txt': RIVER });
      await step([dir], 'whole', 'a new archive');
      // As the archive was before finalize kept its inputs.
      await p.query(`DROP TABLE finalize_queue, pending_names, shingles, people`);
      await p.query(`ALTER TABLE archive_stats DROP COLUMN finalize_whole, DROP COLUMN inputs_complete, DROP COLUMN finalized_through, DROP COLUMN finalized_sources, DROP COLUMN has_copies`);
      await step([dir], 'whole', 'the first ingest after the upgrade, with nothing new');
      assert.ok((await p.query('SELECT count(*)::int AS n FROM shingles')).rows[0].n > 0, 'the shingles of the older sources were filled');
      write(dir, { 'u3.txt': `Whitcombe said the harbor would reopen.\n\n${HARBOR.replace('Tuesday', 'Thursday')}` });
      await step([dir], 'incremental', 'the next addition');
    } finally {
      await p.end();
    }
  });

  it('gives the whole finalize rows for generated archives growing batch by batch', async () => {
    const { p, step } = await archive('finalize_generated');
    const dirs = [folder(), folder(), folder()];
    try {
      writeCorpus(dirs[0], 60, 3);
      await step(dirs.slice(0, 1), 'whole', 'a new archive');
      writeCorpus(dirs[1], 15, 4);
      await step(dirs.slice(0, 2), 'incremental', 'a second folder');
      writeCorpus(dirs[2], 15, 5);
      await step(dirs, 'incremental', 'a third folder');
    } finally {
      await p.end();
    }
  });
});
