import assert from 'node:assert/strict';
import { exact, interval, parseDigits } from '../../server/src/analysis/numbers';
import { figure, figuresOf } from './helpers';

/** The interval of the one figure in `text`. */
function span(text: string): [number | null, number | null] {
  const f = figure(text);
  return [f.low, f.high];
}

describe('numbers as written in news', () => {
  it('keeps interval ends exact decimals, without floating-point noise', () => {
    assert.equal(exact(16.4 * 1e6), 16_400_000);
    assert.equal(exact(0.1 * 3), 0.3);
    assert.deepEqual(interval(16_400_000, 100_000, 'rounded'), [16_350_000, 16_450_000]);
    assert.deepEqual(span('The deal is worth 16.4 million euros.'), [16_350_000, 16_450_000]);
    assert.deepEqual(span('Sales reached 2.3 billion units.'), [2_250_000_000, 2_350_000_000]);
  });

  it('reads Indian digit grouping, lakh and crore', () => {
    assert.deepEqual(parseDigits('12,34,567'), { value: 1234567, step: 1 });
    const lakh = figure('The scheme covers 25 lakh farmers.');
    assert.ok(lakh.low! <= 2_500_000 && lakh.high! >= 2_500_000);
    assert.equal(figure('The budget is 4 crore rupees.').class, 'money');
    const [lo, hi] = span('The budget is 4 crore rupees.');
    assert.ok(lo! <= 40_000_000 && hi! >= 40_000_000 && hi! < 50_000_000);
  });

  it('reads spelled-out numbers of several words', () => {
    assert.deepEqual(span('The club has one hundred and forty-two members.'), [142, 142]);
    assert.deepEqual(span('Four thousand three hundred volunteers signed up.'), [4300, 4300]);
    assert.deepEqual(span('Nine hundred and eight ballots were spoiled.'), [908, 908]);
    assert.deepEqual(span('They planted two thousand and five hundred trees.'), [2500, 2500]);
  });

  it('does not join two separate numbers into one', () => {
    const all = figuresOf('Some 3 hundred and 2 hundred more were counted as two batches.');
    assert.ok(all.length >= 2, JSON.stringify(all));
    assert.notEqual(all[0].low, 302);
  });

  it('reads fractions as shares of a whole', () => {
    const f = figure('Two-thirds of the council voted for the plan.');
    assert.equal(f.class, 'share');
    assert.ok(Math.abs(f.low! - 2 / 3) < 1e-9);
    assert.deepEqual(span('About three quarters of the farms flooded.').map((x) => x !== null && x > 0.6 && x < 0.9), [true, true]);
    assert.deepEqual(span('Nearly 3/4 of the seats were empty.').map((x) => x !== null && x <= 0.75), [true, true]);
    assert.equal(figure('Only one in four renters owns a car.').low, 0.25);
    assert.equal(figure('Half of the staff stayed home.').low, 0.5);
    assert.deepEqual(span('Roughly half of the wells ran dry.'), [0.45, 0.55]);
    assert.deepEqual(span('Turnout was less than half the usual.'), [null, 0.5]);
  });

  it('reads mixed numbers and fractions of a scale', () => {
    assert.deepEqual(span('The trip took one and a half hours.'), [1.5, 1.5]);
    assert.deepEqual(span('Rents fell to a 6-1/2 year low.'), [6.5, 6.5]);
    assert.equal(figure('The city spent half a million pounds on signs.').low, 500_000);
    assert.equal(figure('About a quarter of a million people marched.').high! >= 250_000, true);
    assert.equal(figure('Some seven and a half million viewers tuned in.').high! >= 7_500_000, true);
    assert.equal(figure('The fund holds 4 billion and a half in bonds.').low, 4_500_000_000);
    assert.equal(figure('Growers sold half a dozen crates.').low, 6);
    assert.equal(figure('The bakery sold 4 dozen loaves.').low, 48);
  });

  it('does not read ordinals and the parts of a year as fractions', () => {
    assert.deepEqual(figuresOf('Profits rose in the third quarter.'), []);
    assert.deepEqual(figuresOf('She won a third term in office.'), []);
    assert.deepEqual(figuresOf('Protests went on for a fourth night.'), []);
    assert.deepEqual(figuresOf('The second half of the match was dull.'), []);
    assert.deepEqual(figuresOf('Read the thread (1/2) for more.'), []);
  });

  it('keeps the sign of negative numbers', () => {
    assert.deepEqual(span('Overnight it fell to -7 degrees.'), [-7, -7]);
    const f = figure('Output shrank by minus 3 percent.');
    assert.deepEqual([f.low, f.high, f.class], [-3, -3, 'percentage']);
    assert.deepEqual(span('The reading hit negative four units.'), [-4, -4]);
    assert.deepEqual(span('She tested negative 3 times.'), [3, 3]);
  });

  it('reads decimals without a leading zero and grouped by spaces', () => {
    assert.deepEqual(span('The limit is .05 percent.'), [0.05, 0.05]);
    assert.equal(figure('The census found 2 345 678 residents.').low, 2_345_678);
  });

  it('reads bounds written after the number', () => {
    assert.deepEqual(span('Households of 6 or more people qualify.'), [6, null]);
    assert.deepEqual(span('Groups of 20 or fewer people may meet.'), [null, 20]);
    assert.deepEqual(span('Firms with 50 and more employees must report.'), [50, null]);
    // A bound that another comparison follows is that comparison's, not this number's.
    const [a] = figuresOf('The cap is 300 or more than 250 votes.');
    assert.notEqual(a.high, null);
  });

  it('reads verbs of exceeding and comparison signs as bounds', () => {
    assert.deepEqual(span('Claims exceeding 4,000 dollars are reviewed.').map((x) => x !== null), [true, true]);
    assert.equal(figure('Claims exceeding 4,000 dollars are reviewed.').low, 4000);
    assert.deepEqual(span('Readings <40 units were dropped.'), [null, 40]);
  });

  it('reads ranges with through, a spaced dash, "or" and "-to-"', () => {
    assert.deepEqual(span('They lost 20 through 45 pages.'), [20, 45]);
    assert.deepEqual(span('Prices run 300 - 450 dollars.'), [300, 450]);
    assert.deepEqual(span('He saw 6 or 7 deer.'), [6, 7]);
    assert.deepEqual(span('Stay two or three nights.'), [2, 3]);
    assert.deepEqual(span('A 5-to-7 metre wave hit.'), [5, 7]);
  });

  it('joins range ends of one kind only, sharing the scale written last', () => {
    assert.deepEqual(span('The fee is between $5 and $8 million.'), [5_000_000, 8_000_000]);
    assert.deepEqual(span('Crowds grew from 800 to 2 million people.'), [800, 2_000_000]);
    assert.deepEqual(span('Rates rose 4 to 6%.'), [4, 6]);
    assert.equal(figuresOf('Its yield rose 2.5% to $31.40 a share.').length, 2);
    assert.deepEqual(figuresOf('The survey ran between 2011 and 2016.'), []);
  });

  it('names the dollar by its prefix', () => {
    assert.equal(figure('The deal is worth A$40 in cash.').class, 'money');
    assert.equal(figure('The deal is worth A$40 in cash.').text.startsWith('A$'), true);
  });

  it('reads a number after a capital in a Title Case line as a figure', () => {
    assert.equal(figuresOf('Report Says Flood Displaced 4,000 Families Overnight\n\nThe flood displaced 4,000 families.').length, 2);
  });

  it('does not join a choice between two numbers far apart', () => {
    assert.equal(figuresOf('The toll was 3 or 3,000 people, nobody knew.').length, 2);
  });

  it('reads cents and pence as their own unit, ISO codes and currency names as money', () => {
    const c = figure('Shares fell 45 cents on Monday.');
    assert.deepEqual([c.low, c.class], [45, 'money']);
    assert.equal(figure('Shares closed at 212 pence.').class, 'money');
    assert.equal(figure('The ticket costs EUR 85.').class, 'money');
    const musd = figure('They paid 40 MUSD for it.');
    assert.ok(musd.class === 'money' && musd.low! <= 40_000_000 && musd.high! >= 40_000_000);
    assert.equal(figure('He sent 12 turkish lira home.').class, 'money');
    assert.equal(figure('It cost 7 dollars 25 cents.').low, 7.25);
    assert.equal(figure('The bank lent $2.5 bn to the port.').low! >= 2.4e9, true);
    assert.equal(figure('A $940-million bond was issued.').low! >= 9e8, true);
    assert.equal(figure('The fund raised 3.2bn dollars.').class, 'money');
  });

  it('reads multiples and long spelled numbers without a counted noun', () => {
    assert.equal(figure('The firm faces a threefold rise.').low, 3);
    assert.equal(figure('The answer is two hundred and twelve.').low, 212);
    assert.equal(figure('Seventeen.').low, 17);
  });

  it('counts plural nouns after number words, even nouns no list knows', () => {
    assert.equal(figure('She interviewed five beekeepers for the story.').counts, 'beekeepers');
    assert.equal(figure('He named three rising bond markets.').counts, 'rising bond markets');
    assert.equal(figure('Two of her brothers moved away.').low, 2);
    assert.equal(figure('Fans expect the top four to qualify.').low, 4);
  });

  it('reads "over" before a duration as "during", not as a floor', () => {
    assert.deepEqual(span('The talks ran over three days.'), [3, 3]);
    assert.deepEqual(span('The strike killed over 300 people.'), [300, 400]);
  });

  it('leaves out dates, clock times, addresses, phone and emergency numbers', () => {
    for (const text of [
      'The council met on Jan. 14 to vote.',
      'The doors open at 7 p.m. on Friday.',
      'The store is open from 9 to 5 p.m. daily.',
      'The talk starts at 18.45 in the hall.',
      'The office is at 45 Elm Street now.',
      'The shop at 210 W. Maple Ave. closed.',
      'The crash happened in the 4500 block of Main Street.',
      'Call 555-201-7788 for tickets.',
      'A neighbour dialled 911 after the blast.',
      'The S&P 500 closed higher.',
      'She joined WXYZ 7 as a reporter.',
      'Watch KXYZ 5 Springfield at noon.',
      'The party was at 20 Lakeside Center.',
      'The index page shows image 3 of 9.',
      'Guard Sam Diaz (14) scored late.',
      'He wrote &#039;hello&#039; in the note.',
      'As No. 3 Iowa State arrived, fans cheered.',
      'The goal is zero net carbon emissions.',
    ]) {
      assert.deepEqual(figuresOf(text), [], text);
    }
  });

  it('leaves the pronoun and idioms of "one" alone', () => {
    for (const text of ['Any one person could do it.', 'It could one day replace coal.', 'She was just one of many.']) {
      assert.deepEqual(figuresOf(text), [], text);
    }
  });
});
