import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { officialsOf, people } from './helpers';

describe('officials', () => {
  for (const [text, name, title] of [
    ['State Department spokesperson Matthew Miller said on Monday.', 'Matthew Miller', 'State Department spokesperson'],
    ['President Joe Biden acknowledged the risk.', 'Joe Biden', 'President'],
    ['Israel’s military commander Herzi Halevi told troops.', 'Herzi Halevi', 'Israel’s military commander'],
    ['Council member Priya Raman voted against it.', 'Priya Raman', 'Council member'],
    ['Chief Executive Laura Mendes announced the cuts.', 'Laura Mendes', 'Chief Executive'],
    ['The crossing must reopen, White House Press Secretary Karine Jean-Pierre said.', 'Karine Jean-Pierre', 'White House Press Secretary'],
    ['Iran’s Supreme Leader Ali Khamenei accused the U.S. of backing Israel.', 'Ali Khamenei', 'Iran’s Supreme Leader'],
    ['The funds will go to repairs, according to Public Works Director Samuel Ortiz.', 'Samuel Ortiz', 'Public Works Director'],
    ['Former Israeli diplomat Alon Pinkas cautioned against delays.', 'Alon Pinkas', 'Former Israeli diplomat'],
    ['Secretary of State Antony Blinken flew to Cairo.', 'Antony Blinken', 'Secretary of State'],
    ['U.S. Defense Secretary Lloyd Austin’s upcoming meetings may delay action.', 'Lloyd Austin', 'U.S. Defense Secretary'],
    ['CIA chief Bill Burns was present at the talks.', 'Bill Burns', 'CIA chief'],
    ['Lt. Gen. Herzi Halevi spoke to reporters.', 'Herzi Halevi', 'Lt. Gen.'],
    ['Hamas leader Yahya Sinwar has not been seen.', 'Yahya Sinwar', 'Hamas leader'],
    ['Springfield Mayor Diane Holloway signed the budget.', 'Diane Holloway', 'Springfield Mayor'],
    ['Former high school principal Ann Cole said the plan was sound.', 'Ann Cole', 'Former high school principal'],
    // Two dotted capitals are initials, unless they are a place ("U.S.").
    ['Senator J.D. Vance said the bill would pass.', 'J.D. Vance', 'Senator'],
    ['U.S. Senator Ann Lee said the bill would pass.', 'Ann Lee', 'U.S. Senator'],
    // Without a parser a determiner may open a clause: its plain words stay out of the title.
    ['The team hired assistant coach Bill Ray last week.', 'Bill Ray', 'assistant coach'],
    ['The council met football analyst Lou Holtz on Monday.', 'Lou Holtz', 'analyst'],
    ['A jury convicted former police officer Tom Hart.', 'Tom Hart', 'former police officer'],
  ] as const) {
    it(`finds "${name}" as "${title}" in: ${text}`, () => {
      const found = officialsOf(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].name, name);
      assert.equal(found[0].title?.replace(/\.$/, ''), title.replace(/\.$/, ''));
    });
  }

  it('reads a title written after the name as an apposition', () => {
    const [o] = officialsOf('Lloyd Austin, the US defense secretary, will meet his counterpart.');
    assert.deepEqual(o, { text: 'Lloyd Austin', name: 'Lloyd Austin', title: 'US defense secretary' });
    const [p] = officialsOf('Laura Mendes, chief executive of Acme Corp, said the cuts were painful.');
    assert.equal(p.title, 'chief executive of Acme Corp');
  });

  it('takes the plain words of a title set off by a comma before its names', () => {
    const found = officialsOf('Both college football analysts on ESPN, Lou Holtz and Mark May are paid to talk.');
    assert.deepEqual(
      found.map((o) => [o.name, o.title]),
      [
        ['Lou Holtz', 'college football analysts on ESPN'],
        ['Mark May', 'college football analysts on ESPN'],
      ],
    );
  });

  it('reads a title set off by commas before the name', () => {
    assert.deepEqual(officialsOf("Israel's defense minister, Yoav Gallant, said the operation would widen."), [
      { text: 'Yoav Gallant', name: 'Yoav Gallant', title: "Israel's defense minister" },
    ]);
    const [o] = officialsOf('The talks resumed in Doha, a spokesman for Qatar’s foreign ministry, Majed al-Ansari, said.');
    assert.deepEqual(o, { text: 'Majed al-Ansari', name: 'Majed al-Ansari', title: 'spokesman for Qatar’s foreign ministry' });
    assert.deepEqual(officialsOf('The minister, who spoke to reporters, Israel and Egypt disagreed.'), []);
  });

  it('resolves a bare surname to the full name given earlier in the document', () => {
    const found = officialsOf('National Security Council spokesman John Kirby spoke on Tuesday. Later, Kirby said talks would resume.');
    assert.deepEqual(found.map((o) => o.name), ['John Kirby', 'John Kirby']);
    assert.equal(found[1].text, 'Kirby');
    assert.equal(found[1].title, 'National Security Council spokesman');
  });

  it('resolves a bare surname that comes before the full name', () => {
    const found = officialsOf('Gallant’s visit was delayed. Israeli Defense Minister Yoav Gallant did not comment.');
    assert.deepEqual(found.map((o) => [o.text, o.name]), [['Gallant', 'Yoav Gallant'], ['Yoav Gallant', 'Yoav Gallant']]);
  });

  it('resolves a bare surname from the corpus when the document never names the person', () => {
    const corpus = people(['John Kirby', 'White House spokesperson']);
    const [o] = officialsOf('Kirby said the talks were at an advanced stage.', { people: corpus });
    assert.deepEqual(o, { text: 'Kirby', name: 'John Kirby', title: 'White House spokesperson' });
  });

  it('completes a title with a surname from the corpus ("President Biden")', () => {
    const corpus = people(['Joe Biden', 'President']);
    const [o] = officialsOf('President Biden has expressed opposition to any strike.', { people: corpus });
    assert.equal(o.name, 'Joe Biden');
  });

  it('keeps an unknown bare name out of the officials', () => {
    assert.deepEqual(officialsOf('Kirby said the talks were at an advanced stage.'), []);
  });

  it('does not take "Biden administration" or "Netanyahu government" for a person', () => {
    const corpus = people(['Joe Biden', 'President'], ['Benjamin Netanyahu', 'Prime Minister']);
    assert.deepEqual(officialsOf('The Biden administration and the Netanyahu government disagree.', { people: corpus }), []);
  });

  it('does not take places, organisations or titles without a name for people', () => {
    for (const text of [
      'The Israeli army chief hinted at a ground invasion.',
      'A spokesperson for the Israeli government said the missile was intercepted.',
      'The White House said Tuesday that Israel must reopen the crossing.',
      'General Motors cut 1,000 jobs.',
      'A senior US official spoke on condition of anonymity.',
      'The Public Works Department fixed the road.',
    ]) {
      assert.deepEqual(officialsOf(text), [], text);
    }
  });

  it('does not resolve a surname used as a place', () => {
    const corpus = people(['Lloyd Austin', 'US Defense Secretary']);
    assert.deepEqual(officialsOf('The conference was held in Austin last week.', { people: corpus }), []);
  });

  it('trusts a Title Case headline only for names it knows', () => {
    const a = analyze('Defense Secretary Meets Israeli Counterpart\n\nThe meeting was short.', {});
    assert.deepEqual(a.officials, []);
  });

  it('finds every official mention in the seeds', () => {
    const { readFileSync, readdirSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const dir = join(__dirname, '..', '..', 'seeds');
    const names = new Set<string>();
    let mentions = 0;
    for (const f of readdirSync(dir)) {
      const found = officialsOf(readFileSync(join(dir, f), 'utf8'), { people: people(['Joe Biden', 'President']) });
      mentions += found.length;
      for (const o of found) names.add(o.name);
    }
    assert.equal(mentions, 23);
    assert.deepEqual([...names].sort(), [
      'Ali Khamenei', 'Alon Pinkas', 'Bill Burns', 'Herzi Halevi', 'Joe Biden', 'John Kirby', 'Karine Jean-Pierre',
      'Lloyd Austin', 'Matthew Miller', 'Sabrina Singh', 'Yoav Gallant',
    ]);
  });
});
