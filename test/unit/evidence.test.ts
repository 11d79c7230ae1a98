// Each evidence rule on small corpora written for the test, with the
// negative cases that must stay silent.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Corpus } from '../../server/src/corpus/corpus';
import { derivedFrom } from '../../server/src/corpus/independence';
import { checkArticle } from '../../server/src/engine';
import { corpusOf } from './helpers';
import { align, wordsWithOffsets } from '../../server/src/evidence/wording';

const check = (corpus: Corpus, text: string, path?: string) => checkArticle(text, { format: 'plaintext', corpus, path });

const LEBANON = `Israel presses Lebanon campaign
The ongoing violence in Lebanon has resulted in over 1,400 fatalities and displaced more than one million individuals in less than three weeks, officials told CNN.
A proposed cease-fire brokered by the US and France aimed to establish a 21-day pause in hostilities.
"Escalating this to an all-out war seems counterproductive to the stated objectives," White House spokesperson John Kirby said.
Former Israeli diplomat Alon Pinkas cautioned: "This would make sense in a political science simulation, not in Israeli politics."
Israeli Defense Minister Yoav Gallant is scheduled to meet with US Defense Secretary Lloyd Austin this week.
CIA chief Bill Burns and Pentagon spokesman Pat Ryder attended the talks in Cairo.
`;

const GAZA = `Rafah crossing stays shut
Israel launched a retaliatory offensive that has killed at least 34,789 people in Gaza, according to the territory's health ministry.
A rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing.
`;

describe('evidence', () => {
  const corpus = corpusOf({ 'lebanon.txt': LEBANON, 'gaza.txt': GAZA });
  const kinds = (text: string) => check(corpus, text).findings.map((f) => f.kind);

  describe('contradicted figures', () => {
    it('flags "killed 140 people" against "over 1,400 fatalities", naming both readings and the source', () => {
      const r = check(corpus, 'Lebanon offensive widens\nIsrael\'s strikes in Lebanon have killed 140 people and displaced more than a million in less than three weeks.\n');
      assert.equal(r.findings.length, 1);
      const [f] = r.findings;
      assert.equal(f.kind, 'contradicted-figure');
      assert.equal(f.sourceId, 'sources/lebanon.txt');
      assert.match(f.message, /"140 people" \(read as 135–145, deaths \(killed\)\)/);
      assert.match(f.message, /"over 1,400 fatalities" \(read as 1,400–1,500, deaths\)/);
      assert.equal(LEBANON.slice(f.sourceStart, f.sourceEnd), 'over 1,400 fatalities');
      assert.deepEqual(f.replacement && { text: f.replacement.text }, { text: 'over 1,400' });
    });

    it('does not flag "more than 1,000 killed" against "over 1,400"', () => {
      assert.deepEqual(kinds('Lebanon offensive widens\nIn Lebanon, more than 1,000 were killed and more than a million displaced in less than three weeks.\n'), []);
    });

    it('does not flag a same-story figure of another scope (one strike against the running total)', () => {
      assert.deepEqual(kinds('Lebanon offensive widens\nAn Israeli strike on a building in Beirut on Thursday killed 22 people, officials in Lebanon said.\n'), []);
    });

    it('does not flag "1,400 potholes" against "1,400 fatalities", nor link them', () => {
      const r = check(corpus, 'City budget passes\nCrews in Springfield will fill 1,400 potholes and hire 35 workers in less than three weeks.\n');
      assert.deepEqual(r.findings, []);
      assert.deepEqual(r.support.flat(), []);
    });

    it('flags a dropped digit: "at least 3,478" against "at least 34,789"', () => {
      const r = check(corpus, 'Gaza toll\nIsrael\'s offensive has killed at least 3,478 people in Gaza, according to the territory\'s health ministry.\n');
      assert.deepEqual(r.findings.map((f) => [f.kind, f.sourceId]), [['contradicted-figure', 'sources/gaza.txt']]);
    });

    it('compares durations in days: "a three-week pause" agrees with "a 21-day pause"', () => {
      const r = check(corpus, 'Ceasefire plan\nThe US and France proposed a cease-fire with a three-week pause in hostilities.\n');
      assert.deepEqual(r.findings, []);
      assert.equal(r.support[0][0]?.sourceId, 'sources/lebanon.txt');
    });

    it('stays silent on an article about another story, whatever its numbers', () => {
      const r = check(corpus, 'Storm hits coast\nThe storm killed 140 people and displaced 5,000 residents, the governor said.\nAbout 1,400 homes lost power for three weeks.\n');
      assert.deepEqual(r.findings, []);
      assert.deepEqual(r.support.flat(), []);
    });
  });

  describe('misquotes', () => {
    it('flags a changed word and shows the source wording', () => {
      const r = check(corpus, 'Kirby warns Israel\nWhite House spokesperson John Kirby said escalating to an all-out war "seems productive to the stated objectives."\n');
      const f = r.findings.find((x) => x.kind === 'misquote')!;
      assert.ok(f, JSON.stringify(r.findings));
      assert.match(f.message, /quotes John Kirby as saying "seems counterproductive to the stated objectives"/);
      assert.equal(f.replacement?.text, 'seems counterproductive to the stated objectives');
    });

    it('flags "simulation" changed to "lecture"', () => {
      const r = check(corpus, 'Analysts doubt delay\nFormer Israeli diplomat Alon Pinkas said it "would make sense in a political science lecture, not in Israeli politics."\n');
      assert.deepEqual(r.findings.map((f) => f.kind), ['misquote']);
    });

    it('accepts differences in punctuation, quote marks, apostrophes and case', () => {
      const r = check(corpus, 'Kirby warns\n“Escalating this to an all out war seems counterproductive to the stated objectives” John Kirby said.\n');
      assert.deepEqual(r.findings, []);
      assert.ok(r.support[0].some((s) => s.reasons.includes('quote')));
    });

    it('accepts a partial quote and an elided one', () => {
      assert.deepEqual(kinds('Analysts doubt\nPinkas said the plan "would make sense in a political science simulation."\n'), []);
      assert.deepEqual(kinds('Analysts doubt\nPinkas said: "This would make sense ... not in Israeli politics."\n'), []);
    });

    it('does not flag a similar quote from a different person on another story', () => {
      assert.deepEqual(kinds('Acme results\n"Escalating this price war seems counterproductive to our objectives," Chief Executive Laura Mendes said.\n'), []);
    });
  });

  describe('title conflicts', () => {
    it('flags a title the sources contradict', () => {
      const r = check(corpus, 'Talks this week\nUS Defense Secretary Yoav Gallant is due in Washington this week.\n');
      const f = r.findings.find((x) => x.kind === 'title-conflict')!;
      assert.ok(f);
      assert.match(f.message, /gives Yoav Gallant as "Israeli Defense Minister", which disagrees on the country with "US Defense Secretary"/);
      assert.equal(f.replacement?.text, 'Israeli Defense Minister');
    });

    it('accepts compatible variants: spokesman/spokesperson, CIA chief/Director, a shorter title', () => {
      for (const text of [
        'White House spokesman John Kirby spoke on Tuesday about Cairo.',
        'CIA Director Bill Burns flew to Cairo for talks.',
        'Spokesperson John Kirby spoke on Tuesday.',
        'Defense Minister Yoav Gallant will meet his counterpart.',
        'Pentagon spokesperson Pat Ryder briefed reporters.',
      ]) {
        assert.deepEqual(kinds(`Headline\n${text}\n`), [], text);
      }
    });

    it('flags an organisation the sources contradict', () => {
      assert.deepEqual(kinds('Headline\nState Department spokesperson John Kirby spoke on Tuesday.\n'), ['title-conflict']);
    });
  });

  describe('support', () => {
    it('ranks the passages that corroborate a claim, with a score', () => {
      const r = check(corpus, 'Gaza\nA rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing, the army said.\n');
      const [s] = r.support[0];
      assert.equal(s.sourceId, 'sources/gaza.txt');
      assert.equal(s.text, 'A rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing.');
      assert.ok(s.score > 0.5 && s.score <= 1);
      assert.ok(s.reasons.includes('figure'));
    });

    it('does not link the same people doing something else', () => {
      const r = check(corpus, 'Talks\nIsraeli Defense Minister Yoav Gallant and US Defense Secretary Lloyd Austin played golf in Florida.\n');
      assert.deepEqual(r.support.flat(), []);
    });

    it('never lets the article corroborate itself', () => {
      const self = corpus.sources().find((s) => s.id === 'sources/gaza.txt')!;
      const byPath = check(corpus, self.text, self.path);
      assert.ok(byPath.support.flat().every((s) => s.sourceId !== 'sources/gaza.txt'));
      const byText = check(corpus, self.text);
      assert.ok(byText.support.flat().every((s) => s.sourceId !== 'sources/gaza.txt'));
    });
  });

  describe('query results kept across checks', () => {
    const claim = 'Gaza\nA rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing, the army said.\n';
    const supporting = (c: Corpus, path?: string) => check(c, claim, path).support[0].map((s) => `${s.sourceId}: ${s.text}`);

    it('are not reused when the exclusion says otherwise of a source they looked at', () => {
      const c = corpusOf({ 'gaza.txt': GAZA, 'lebanon.txt': LEBANON });
      const gaza = c.sources().find((s) => s.id === 'sources/gaza.txt')!;
      const line = 'sources/gaza.txt: A rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing.';
      assert.deepEqual(supporting(c), [line]);
      assert.deepEqual(supporting(c, gaza.path), []);
      assert.deepEqual(supporting(c), [line]);
    });

    it('follow the sources when a file changes on disk', () => {
      const c = corpusOf({ 'gaza.txt': GAZA, 'lebanon.txt': LEBANON });
      const gaza = c.sources().find((s) => s.id === 'sources/gaza.txt')!;
      assert.equal(supporting(c).length, 1);
      // The same number of passages, another wording: a result kept from before would point at the old passage.
      const said = 'A rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing, medics said.';
      writeFileSync(gaza.path, GAZA.replace('A rocket attack on Sunday killed four Israeli troops near the Kerem Shalom crossing.', said));
      assert.ok(c.refresh(gaza.path));
      assert.deepEqual(supporting(c), [`sources/gaza.txt: ${said}`]);
    });
  });

  describe('independence', () => {
    it('reads a declared original', () => {
      assert.equal(derivedFrom('Body text.\nOriginal Source: www.cnn.com\n'), 'cnn');
      assert.equal(derivedFrom('This article was originally published by Reuters.'), 'reuters');
      assert.equal(derivedFrom('Source: the health ministry'), undefined);
    });

    it('counts a declared copy and near-duplicates as one source', () => {
      const copy = 'Israel has killed over 1,400 people in Lebanon and displaced more than one million individuals in less than three weeks, officials said.\nOriginal Source: www.cnn.com\n';
      const mirror = LEBANON.replace('Israel presses Lebanon campaign', 'Lebanon campaign widens');
      const other = 'In Lebanon, Israeli strikes have killed over 1,400 people and displaced more than one million individuals in less than three weeks, the UN said.\n';
      const c = corpusOf({ 'a-original.txt': LEBANON, 'b-copy.txt': copy, 'c-mirror.txt': mirror, 'd-other.txt': other });
      const r = check(c, 'Lebanon\nIsrael has killed over 1,400 people in Lebanon and displaced more than one million in less than three weeks.\n');
      const ids = new Set(r.support[0].map((s) => s.sourceId));
      assert.deepEqual([...ids].sort(), ['sources/a-original.txt', 'sources/b-copy.txt', 'sources/c-mirror.txt', 'sources/d-other.txt']);
      assert.equal(r.independent[0], 2);
    });
  });

  describe('wording alignment', () => {
    const w = (s: string) => wordsWithOffsets(s, 0, s.length);
    it('finds the closest stretch and its distance', () => {
      const r = align(w('seems productive to the stated objectives'), w('war seems counterproductive to the stated objectives which is peace'))!;
      assert.deepEqual([r.distance, r.from, r.to], [1, 1, 7]);
    });
    it('gives distance 0 for a verbatim substring', () => {
      assert.equal(align(w('the Lebanese and others'), w('with the Israelis, the Lebanese, and others regarding'))!.distance, 0);
    });
  });
});
