// One description of a figure, with its unit, for the report, the hover, the
// outline and claim search.

import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { describeAmount, describeFigure } from '../../server/src/analysis/describe';
import { figureHover } from '../../server/src/features/hover';

const only = (text: string) => {
  const { figures } = analyze(text, { format: 'plaintext' });
  assert.equal(figures.length, 1, JSON.stringify(figures.map((f) => f.text)));
  return figures[0];
};

describe('describing a figure', () => {
  for (const [text, expected] of [
    ['The talks could last under three weeks.', 'up to 3 weeks, duration'],
    ['The budget was between $1.45 billion and $1.55 billion.', '$1.45–1.55 billion, money'],
    ['Inflation was around 5%.', '4.5–5.5%, percentage'],
    ['Prices rose 2 to 3 percent.', '2–3%, percentage'],
    ['The project cost £20 million.', '£18–22 million, money'],
    ['They agreed a 3-day pause.', '3 days, duration'],
    ['It lasted one week.', '1 week, duration'],
    ['He served a year and a half.', '1.5 years, duration'],
    ['The meeting lasted a half hour.', '0.5 hours, duration'],
    ['The bridge opened a quarter century ago.', '25 years, duration'],
    ['The area covers 3 square miles.', '3 square miles, distance'],
    ['The wall is 5 km long.', '5 km, distance'],
    ['Officials said more than 1,400 people were killed.', '1,400–1,500, deaths (were killed)'],
    ['Crews filled 35 potholes.', '35, pothole'],
    ['More than a million people were displaced.', '1–2 million, displaced'],
    ['About half of the wells ran dry.', '45–55%, share'],
    ['Shares fell 45 cents.', '45¢, money'],
    ['Groups of 20 or more people may meet.', 'at least 20, people'],
  ] as const) {
    it(`"${text}" → "${expected}"`, () => assert.equal(describeFigure(only(text)), expected));
  }

  it('names a currency without a sign by its code, and keeps two scales apart when they differ', () => {
    assert.equal(describeAmount({ low: 1_800_000, high: 2_200_000, class: 'money', unit: 'CNY', counts: '', head: '' }), '1.8–2.2 million CNY');
    assert.equal(describeAmount({ low: 900_000_000, high: 1_100_000_000, class: 'money', unit: 'USD', counts: '', head: '' }), '$900 million–1.1 billion');
    assert.equal(describeAmount({ low: 1234567, high: 1234567, class: 'count', counts: 'votes', head: 'vote' }), '1,234,567');
  });

  it('the hover header says what "Counts:" says, with the unit', () => {
    const deaths = figureHover(only('Officials said more than 1,400 people were killed.'));
    const [header] = deaths.split('\n');
    assert.equal(header, '**more than 1,400 people** → **1,400–1,500**, deaths (were killed)');
    assert.match(deaths, /\*Counts:\* deaths/);
    assert.match(figureHover(only('The talks could last under three weeks.')).split('\n')[0], /→ \*\*up to 3 weeks\*\*, duration/);
  });
});
