import assert from 'node:assert/strict';
import { compatible, interval, parseDigits, qualifierStep } from '../../server/src/analysis/numbers';
import { figure, figuresOf } from './helpers';

describe('numbers', () => {
  it('parses digits with separators and decimals, with their rounding step', () => {
    assert.deepEqual(parseDigits('1,400'), { value: 1400, step: 100 });
    assert.deepEqual(parseDigits('34,789'), { value: 34789, step: 1 });
    assert.deepEqual(parseDigits('1.2'), { value: 1.2, step: 0.1 });
    assert.deepEqual(parseDigits('200,000'), { value: 200000, step: 100000 });
    assert.equal(parseDigits('1.2.3'), undefined);
    assert.equal(parseDigits('12,34'), undefined);
  });

  it('never rounds a qualified number finer than its second significant digit', () => {
    assert.equal(qualifierStep(1170, 10), 100);
    assert.equal(qualifierStep(34789, 1), 1000);
    assert.equal(qualifierStep(7, 1), 1);
    assert.equal(qualifierStep(1_000_000, 1_000_000), 1_000_000);
  });

  it('reads qualifiers as documented intervals', () => {
    assert.deepEqual(interval(1400, 100, 'above'), [1400, 1500]);
    assert.deepEqual(interval(1400, 100, 'below'), [1300, 1400]);
    assert.deepEqual(interval(300, 100, 'approx'), [250, 350]);
    assert.deepEqual(interval(3, 1, 'under'), [null, 3]);
    assert.deepEqual(interval(35, 1, 'exact'), [35, 35]);
    assert.deepEqual(interval(1400, 100, 'rounded'), [1350, 1450]);
  });

  it('says whether two intervals can both hold', () => {
    assert.equal(compatible([1000, 2000], [1400, 1500]), true);
    assert.equal(compatible([140, 140], [1400, 1500]), false);
    assert.equal(compatible([null, 3], [2, 4]), true);
    assert.equal(compatible([150000, 250000], [1e6, 2e6]), false);
  });
});

describe('figures', () => {
  /** Each figure of a text as its words, its interval and its class. */
  const read = (text: string) => figuresOf(text).map((f) => [f.text, f.low, f.high, f.class]);

  it('reads digits with separators as exact counts', () => {
    assert.deepEqual(figure('Officials counted 34,789 people.'), { text: '34,789 people', low: 34789, high: 34789, class: 'people', counts: 'people', verb: undefined });
  });

  it('reads "more than 1,400" as 1,400–1,500, not 9,000', () => {
    const f = figure('The strikes killed more than 1,400 people.');
    assert.equal(f.text, 'more than 1,400 people');
    assert.deepEqual([f.low, f.high], [1400, 1500]);
    assert.equal(f.class, 'deaths');
    assert.equal(f.verb, 'killed');
  });

  for (const [text, low, high] of [
    ['over 1,400 fatalities', 1400, 1500],
    ['at least 34,789 people', 34789, 35789],
    ['nearly 1,400 people', 1300, 1400],
    ['about 300 residents', 250, 350],
    ['around 200,000 people', 150000, 250000],
    ['roughly 12,000 homes', 10800, 13200],
    ['in excess of 500 troops', 500, 600],
    ['less than three weeks', null, 3],
    ['under 50 patients', null, 50],
    ['up to 100 workers', null, 100],
  ] as const) {
    it(`reads "${text}" as ${low}–${high}`, () => {
      const f = figure(`Reports said ${text} were affected.`);
      assert.equal(f.text, text);
      assert.deepEqual([f.low, f.high], [low, high]);
    });
  }

  it('reads scale words and money', () => {
    const f = figure('The council approved a $412 million budget on Monday.');
    assert.equal(f.text, '$412 million budget');
    assert.equal(f.class, 'money');
    assert.ok(f.low! <= 412e6 && f.high! >= 412e6);
    assert.deepEqual(figure('More than 1.2 million displaced Palestinians live there.').low, 1.2e6);
    const bn = figure('The fund lost US$3bn last year.');
    assert.ok(bn.low! <= 3e9 && bn.high! >= 3e9 && bn.class === 'money');
  });

  it('reads percentages', () => {
    const f = figure('Unemployment rose to 4.5 percent in May.');
    assert.equal(f.class, 'percentage');
    assert.deepEqual([f.low, f.high], [4.5, 4.5]);
    assert.equal(figure('Turnout was 61% this year.').class, 'percentage');
  });

  it('reads worded numbers', () => {
    assert.deepEqual(figure('It displaced more than one million individuals.').low, 1e6);
    assert.deepEqual(figure('It forced more than a million people to flee.').low, 1e6);
    assert.deepEqual(figure('A rocket attack killed four Israeli troops.').low, 4);
    assert.deepEqual(figure('Twenty-five soldiers were wounded.').low, 25);
    assert.deepEqual(figure('The bill would cost half a million dollars.').low, 500000);
    assert.deepEqual(figure('Two hundred thousand people marched.').low, 200000);
    assert.deepEqual(figure('A dozen schools closed.').low, 12);
  });

  it('reads a fraction of a decade, century or millennium in years, the span included', () => {
    assert.deepEqual(read('The bridge opened a quarter century ago.'), [['a quarter century', 25, 25, 'duration']]);
    assert.deepEqual(read('The plant closed a quarter-century ago.'), [['a quarter-century', 25, 25, 'duration']]);
    assert.deepEqual(read('After half a century of neglect, it fell.'), [['half a century', 50, 50, 'duration']]);
    assert.deepEqual(read('For three quarters of a century it stood.'), [['three quarters of a century', 75, 75, 'duration']]);
    assert.deepEqual(read('It took nearly half a decade.'), [['nearly half a decade', 4.5, 5, 'duration']]);
    // A whole number of them keeps its unit, and a fraction of anything else stays a share.
    assert.deepEqual(read('Two decades later it closed.'), [['Two decades', 2, 2, 'duration']]);
    assert.deepEqual(read('A quarter of the voters stayed home.').map((f) => f[3]), ['share']);
  });

  it('reads "a year and a half" as one span, not a share', () => {
    assert.deepEqual(read('He served a year and a half in prison.'), [['a year and a half', 1.5, 1.5, 'duration']]);
    assert.deepEqual(read('The talks lasted an hour and a half.'), [['an hour and a half', 1.5, 1.5, 'duration']]);
    assert.deepEqual(read('Prices doubled in a decade and a half.'), [['a decade and a half', 15, 15, 'duration']]);
    assert.deepEqual(read('It lasted two weeks and a half.'), [['two weeks and a half', 2.5, 2.5, 'duration']]);
    // A bare "a year" is no figure, as before.
    assert.deepEqual(read('A year ago the plant closed.'), []);
  });

  it('reads a fraction of a span of time as a duration, not a share', () => {
    assert.deepEqual(read('The meeting lasted a half hour.'), [['a half hour', 0.5, 0.5, 'duration']]);
    assert.deepEqual(read('It took half an hour to clear the road.'), [['half an hour', 0.5, 0.5, 'duration']]);
    assert.deepEqual(read('Half of the voters stayed home.').map((f) => f[3]), ['share']);
  });

  it('reads "a minute or two" as a range of the span between the two numbers', () => {
    assert.deepEqual(read('It took a minute or two to load.'), [['a minute or two', 1, 2, 'duration']]);
    assert.deepEqual(read('The storm will pass in a day or two.'), [['a day or two', 1, 2, 'duration']]);
    // Not a choice between a span and some other count.
    assert.deepEqual(read('Wait a minute or two hundred people will leave.').map((f) => f[0]), ['two hundred people']);
  });

  it('reads vague amounts as the span the word covers', () => {
    const f = figure('The strikes killed hundreds of people.');
    assert.deepEqual([f.low, f.high], [200, 999]);
    assert.equal(f.class, 'deaths');
    const g = figure('The fighting forced hundreds of thousands of people to flee.');
    assert.deepEqual([g.low, g.high], [200000, 999999]);
    assert.equal(g.class, 'displaced');
    assert.equal(figure('Tens of thousands rallied in the capital.').low, 20000);
  });

  it('reads hyphenated compounds with the noun they count', () => {
    const f = figure('The plan proposed a 21-day pause in the fighting.');
    assert.equal(f.text, '21-day pause');
    assert.equal(f.counts, 'day pause');
    assert.equal(f.class, 'duration');
    assert.deepEqual([f.low, f.high], [21, 21]);
    assert.equal(figure('About 300 residents attended the three-hour meeting.'.replace('About 300 residents', 'Residents')).counts, 'hour meeting');
  });

  it('reads ranges', () => {
    const f = figure('Between 10 and 15 people were hurt.');
    assert.deepEqual([f.low, f.high, f.class], [10, 15, 'injuries']);
    assert.deepEqual(figure('Officials said 20-30 homes burned.').low, 20);
    assert.deepEqual(figure('It will cost 2 to 3 million dollars.').low, 2e6);
  });

  it('names the counted noun phrase and its class', () => {
    assert.equal(figure('The plan adds 35 police officers this year.').counts, 'police officers');
    assert.equal(figure('Crews repaired 1,400 potholes.').class, 'count');
    assert.equal(figure('Crews repaired 1,400 potholes.').counts, 'potholes');
    assert.equal(figure('The storm left about 12,000 homes without power.').class, 'structures');
    assert.equal(figure('More than 1.2 million displaced Palestinians are living in Rafah.').class, 'displaced');
  });

  it('takes the event from the verb: killed, injured, displaced', () => {
    assert.equal(figure('The attack resulted in the deaths of more than 1,170 people.').class, 'deaths');
    assert.equal(figure('The strike injured 35 people.').class, 'injuries');
    assert.equal(figure('At least 12 people were killed on Sunday.').class, 'deaths');
    assert.equal(figure('The offensive has displaced around 200,000 people.').class, 'displaced');
    assert.equal(figure('The flood forced 3,000 residents from their homes.').class, 'displaced');
  });

  it('reads a death toll and leaves ages alone', () => {
    assert.equal(figure('The death toll rose to 1,400 on Tuesday.').class, 'deaths');
    assert.equal(figure('The toll stood at 35 on Monday.').class, 'deaths');
    const age = figure('A 14-year-old boy was among the dead.');
    assert.deepEqual([age.class, age.counts], ['count', 'year-old boy']);
  });

  it('carries an elided noun from the figure before it', () => {
    const [a, b] = figuresOf('The strikes killed more than 1,400 people and forced over a million from their homes.');
    assert.equal(a.class, 'deaths');
    assert.equal(b.counts, 'people');
    assert.equal(b.class, 'displaced');
  });

  it('tells killing from injuring in one sentence', () => {
    const [a, b] = figuresOf('Israel has been striking since Monday, killing hundreds and injuring thousands.');
    assert.equal(a.class, 'deaths');
    assert.equal(b.class, 'injuries');
  });

  it('does not take dates, years, times, ordinals or identifiers for figures', () => {
    for (const text of [
      'The war began with the October 7 attack.',
      'It happened on 7 October, 2023.',
      'The council met on Tuesday.',
      'The law was passed in 2019.',
      'The 2024 election is close.',
      'The meeting starts at 10:30 a.m.',
      'He arrived at 9 pm.',
      'It was the 3rd time this year.',
      'A missile reached Tel Aviv for the first time.',
      'The UN adopted Resolution 1701.',
      'The F-16 jets took off.',
      'The G7 summit ended.',
      'Covid-19 cases fell.',
      'The 1990s were different.',
      'See 9/11 for details.',
    ]) {
      assert.deepEqual(figuresOf(text), [], text);
    }
  });

  it('does not take number words without anything counted for figures', () => {
    for (const text of [
      'The offensive has displaced people, according to one estimate.',
      'A close assessment of the two sides’ positions suggests a deal.',
      'No one was available for comment.',
      'It took a year to finish.',
      'One of the officials declined to comment.',
      'By one count, the deal is close.',
      'One bright note in the survey stood out.',
      'He is one tough negotiator, the coach said.',
      'It was one hell of a season.',
      'The talks are one step closer to a deal.',
      'One reason is the cost.',
    ]) {
      assert.deepEqual(figuresOf(text), [], text);
    }
  });

  it('takes "one" before a noun for a count of it', () => {
    for (const [text, counted] of [
      ['In the old days you dealt with one regulator.', 'one regulator'],
      ['He has seen one white Christmas in his life.', 'one white Christmas'],
      ['The committee approved one bill.', 'one bill'],
    ]) {
      const found = figuresOf(text);
      assert.deepEqual(
        found.map((f) => [f.text, f.low, f.high]),
        [[counted, 1, 1]],
        text,
      );
    }
  });

  it('still takes a qualified worded duration', () => {
    const f = figure('The administration has tried for nearly a year to avoid war.');
    assert.equal(f.class, 'duration');
    assert.equal(f.high, 1);
  });

  it('ignores numbers in URLs, code and footnote markers in Markdown', () => {
    assert.deepEqual(figuresOf('See [the report](https://example.com/2024/35-people) and `x = 400 people`[^1].', 'markdown'), []);
  });
});
