// A source's date is one it states: a dateline without a year is dated only
// when the source's own URL or its folder gives the year unambiguously (and
// says so in `dateFrom`), never by the file's modification time; a copy
// without a date does not borrow its original's.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../server/src/corpus/corpus';
import { dateWithYear, datelineDay, mergeMeta, pathYears, urlYear } from '../../server/src/corpus/metadata';
import { readSource } from '../../server/src/corpus/metadataRead';
import { ROOT } from '../root';

const BODY = 'Pentagon says 40 died\nWASHINGTON, Nov. 3 (Reuters) - The Pentagon said 40 people died in the strike.\n';
const found = (path: string, text: string, relative?: string) => {
  const r = readSource(path, text, relative);
  assert.ok(r.ok);
  return r.meta.found;
};

describe('dates of sources whose dateline has no year', () => {
  it('reads the month and day of a dateline without a year, and nothing from one with a year or none', () => {
    assert.deepEqual(datelineDay(BODY), { month: 11, day: 3, written: 'Nov 3' });
    assert.equal(datelineDay('BEIRUT, Oct. 7, 2024 (Reuters) - Strikes.'), undefined);
    assert.equal(datelineDay('Beirut (AFP) - Strikes.'), undefined);
    assert.equal(datelineDay('CAIRO, Feb. 30 (Reuters) - Talks.'), undefined);
  });

  it('takes the year from a folder named as a year, and says so', () => {
    const meta = found('/desk/2024/strike.txt', BODY, '2024/strike.txt');
    assert.equal(meta.date, '2024-11-03');
    assert.equal(meta.dateFrom, 'the dateline gives Nov 3; the year 2024 is from the folder "2024"');
  });

  it('takes the year from the source\'s own URL (front matter or a page\'s canonical link)', () => {
    const md = found('/desk/strike.md', `---\nurl: https://www.reuters.com/world/us/pentagon-strike-2024-11-03/\n---\n${BODY}`, 'strike.md');
    assert.deepEqual([md.date, md.dateFrom], ['2024-11-03', 'the dateline gives Nov 3; the year 2024 is from the URL']);
    const page = `<html><head><title>Pentagon says 40 died</title><link rel="canonical" href="https://news.example/2024/11/03/strike"></head><body><article><h1>Pentagon says 40 died</h1><p>WASHINGTON, Nov. 3 (Reuters) - The Pentagon said 40 people died in the strike on a depot near the border, officials said on Sunday.</p><p>The strike came after weeks of talks between the two sides failed to reach any agreement on a pause in the fighting.</p></article></body></html>`;
    assert.equal(found('/desk/strike.html', page, 'strike.html').date, '2024-11-03');
  });

  it('takes the year from a "Published" line, but not from an "Updated" one', () => {
    const published = found('/d/a.txt', `Pentagon says 40 died\nPublished Nov. 3, 2024\n${BODY.split('\n')[1]}\n`, 'a.txt');
    assert.deepEqual([published.date, published.dateFrom], ['2024-11-03', 'the dateline gives Nov 3; the year 2024 is from the "Published" line']);
    assert.equal(found('/d/a.txt', `Pentagon says 40 died\nUpdated Nov. 3, 2025\n${BODY.split('\n')[1]}\n`, 'a.txt').date, undefined);
    // Published in another month than the dateline's day: which year the day belongs to is not certain.
    assert.equal(found('/d/a.txt', `Pentagon says 40 died\nPublished Jan. 2, 2025\n${BODY.split('\n')[1]}\n`, 'a.txt').date, undefined);
  });

  it('stays undated when the hints disagree, name another month, or there are none', () => {
    const url = (u: string) => `---\nurl: ${u}\n---\n${BODY}`;
    assert.equal(found('/d/2023/a.md', url('https://x.example/2024/11/03/a'), '2023/a.md').date, undefined);
    assert.equal(found('/d/a.md', url('https://x.example/2024/12/01/a'), 'a.md').date, undefined);
    assert.equal(found('/d/2024-12/a.txt', BODY, '2024-12/a.txt').date, undefined);
    assert.equal(found('/d/a.txt', BODY, 'a.txt').date, undefined);
    assert.equal(found('/d/top-2024-stories.txt', BODY, 'top-2024-stories.txt').date, undefined);
    // Feb. 29 exists only in leap years.
    assert.equal(dateWithYear({ month: 2, day: 29, written: 'Feb 29' }, [{ year: 2023, from: 'the URL' }]), undefined);
    assert.equal(dateWithYear({ month: 2, day: 29, written: 'Feb 29' }, [{ year: 2024, from: 'the URL' }])?.date, '2024-02-29');
  });

  it('reads years only where names state them', () => {
    assert.deepEqual(pathYears('archive/2024/x.txt'), [{ year: 2024, from: 'the folder "2024"' }]);
    assert.deepEqual(pathYears('2024-11-03-storm.txt'), [{ year: 2024, month: 11, from: 'the file name "2024-11-03-storm.txt"' }]);
    assert.deepEqual(pathYears('2024.txt'), []);
    assert.deepEqual(pathYears('2000-people/x.txt'), []);
    assert.deepEqual(urlYear('https://x.example/news/20241103/story'), { year: 2024, month: 11, from: 'the URL' });
    assert.equal(urlYear('https://x.example/story-2000-people-died'), undefined);
  });

  it('never dates a source by when its file was saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-dates-'));
    writeFileSync(join(dir, 'strike.txt'), BODY);
    utimesSync(join(dir, 'strike.txt'), new Date('2024-11-03T12:00:00Z'), new Date('2024-11-03T12:00:00Z'));
    const corpus = new Corpus();
    corpus.load([dir]);
    assert.equal(corpus.sources()[0].meta.date, undefined);
  });

  it('dates through the corpus, a stated date winning over a year found elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-dates-'));
    mkdirSync(join(dir, '2024'));
    writeFileSync(join(dir, '2024', 'strike.txt'), BODY);
    writeFileSync(join(dir, '2024', 'stated.md'), `---\ndate: 2024-11-04\n---\n${BODY}`);
    const corpus = new Corpus();
    corpus.load([dir]);
    const strike = corpus.getByPath(join(dir, '2024', 'strike.txt'))!;
    assert.deepEqual([strike.meta.date, strike.label], ['2024-11-03', 'Reuters, "Pentagon says 40 died", 3 Nov 2024']);
    const stated = corpus.getByPath(join(dir, '2024', 'stated.md'))!;
    assert.deepEqual([stated.meta.date, stated.meta.dateFrom], ['2024-11-04', undefined]);
    assert.deepEqual(mergeMeta({ date: '2024-11-04' }, { date: '2024-11-03', dateFrom: 'x' }), { date: '2024-11-04' });
  });
});

describe('an undated copy of a dated source', () => {
  it('does not take its original\'s date: seed 001 (a copy of CNN\'s story) stays undated, grouped with 000', () => {
    const corpus = new Corpus();
    corpus.load([join(ROOT, 'seeds')]);
    const original = corpus.sources().find((s) => s.id.startsWith('seeds/000_'))!;
    const copy = corpus.sources().find((s) => s.id.startsWith('seeds/001_'))!;
    assert.equal(original.meta.date, '2024-10-07');
    assert.ok(corpus.groups().sameGroup(original, copy));
    assert.equal(copy.meta.date, undefined);
    assert.equal(copy.meta.dateFrom, undefined);
    assert.equal(copy.label, 'seeds/001_059e4d35e3c8ffef.txt (copy of CNN)');
  });
});
