import assert from 'node:assert/strict';
import { quotesOf } from './helpers';

const said = (text: string) => quotesOf(text).map((q) => [q.text, q.speaker ?? null]);

describe('quotes', () => {
  it('finds straight and curly double quotes', () => {
    assert.deepEqual(said('He said "this is it" and left.').map((q) => q[0]), ['this is it']);
    assert.deepEqual(said('He said “this is it” and left.').map((q) => q[0]), ['this is it']);
    assert.deepEqual(said('Elle a dit « c’est fini » hier.').map((q) => q[0]), ['c’est fini']);
  });

  it('ends a double quote never closed where the next one opens', () => {
    const text = '"In the old days," Dimon said, "you dealt with one regulator, maybe two. “Now it’s five or six.”';
    assert.deepEqual(said(text), [
      ['In the old days,', 'Dimon'],
      ['you dealt with one regulator, maybe two.', 'Dimon'],
      ['Now it’s five or six.', 'Dimon'],
    ]);
    // A quote inside an open one, closed before the outer one closes, is part of it.
    assert.deepEqual(said('Walker wrote: “Some people got upset and called us “vandals”. It was only a story.”').map((q) => q[0]), [
      'Some people got upset and called us “vandals”. It was only a story.',
    ]);
    // Stray marks around a word or two are no quotes.
    assert.deepEqual(said('The old ledger had its rows marked “a “b “c.'), []);
    // German marks close with the mark English opens with.
    assert.deepEqual(said('Er sagte „das ist gut“ und ging.').map((q) => q[0]), ['das ist gut']);
  });

  it('does not take apostrophes for quotes', () => {
    assert.deepEqual(said('Israel’s army and Hamas’s leaders don’t agree.'), []);
  });

  it('takes curly single quotes as quotes', () => {
    assert.deepEqual(said('Officials called it ‘limited’ in scope.').map((q) => q[0]), ['limited']);
  });

  it('attributes "…," Kirby said', () => {
    const text = 'White House spokesperson John Kirby spoke. "Everybody is coming to the table," Kirby said.';
    assert.deepEqual(said(text).at(-1), ['Everybody is coming to the table,', 'John Kirby']);
  });

  it('gives a quote to a person named with initials', () => {
    assert.deepEqual(said('The station spoke with C.K. Walker, who started the story. "We received mixed reactions," Walker said.').at(-1), [
      'We received mixed reactions,',
      'C.K. Walker',
    ]);
  });

  it('gives a quote in a participle clause ("…, complaining about …") to the sentence\'s subject', () => {
    const intro = 'Margaret Thatcher was prime minister then. ';
    assert.deepEqual(said(`${intro}Mrs Thatcher marked the briefing with annotations, complaining about its use of "high language" in places.`).at(-1), ['high language', 'Margaret Thatcher']);
    assert.deepEqual(said('Dana Price read the letter twice, calling it "a joke" and tearing it up.'), [['a joke', 'Dana Price']]);
    assert.deepEqual(said('The mayor, Lena Ortiz, rejected the plan, arguing that it was "far too costly" for the town.'), [['far too costly', 'Lena Ortiz']]);
  });

  it('attributes "…," said Kirby and a verb before a titled name', () => {
    assert.deepEqual(said('"We support their capacity to target militants," emphasized State Department spokesperson Matthew Miller.'), [
      ['We support their capacity to target militants,', 'Matthew Miller'],
    ]);
  });

  it('attributes a partial quote to the subject of the sentence', () => {
    const text = 'State Department spokesperson Matthew Miller spoke. Miller said the US was "acutely aware of previous instances."';
    assert.deepEqual(said(text), [['acutely aware of previous instances.', 'Matthew Miller']]);
  });

  it('attributes to an unnamed speaker with the phrase', () => {
    assert.deepEqual(said('"We couldn\'t stop them," a senior US official said.'), [["We couldn't stop them,", 'a senior US official']]);
  });

  it('follows a pronoun to the last speaker', () => {
    const text = '"We will see," Pentagon spokesperson Sabrina Singh said. "It is not imminent," she added.';
    assert.deepEqual(said(text).map((q) => q[1]), ['Sabrina Singh', 'Sabrina Singh']);
  });

  it('attributes a quote on the line after "stating:"', () => {
    const text = 'The US advocates diplomacy, with White House press secretary Karine Jean-Pierre stating:\n"We are going to be having regular consultations."\n';
    assert.deepEqual(said(text), [['We are going to be having regular consultations.', 'Karine Jean-Pierre']]);
  });

  it('attributes with "according to"', () => {
    assert.deepEqual(said('The crossing is "closed until further notice," according to Egyptian officials.'), [
      ['closed until further notice,', 'Egyptian officials'],
    ]);
  });

  it('continues the speaker of an earlier quote in the same paragraph', () => {
    const text = '“Everybody’s coming to the table,” National Security Council spokesman John Kirby said. “That’s not insignificant.”';
    assert.deepEqual(said(text).map((q) => q[1]), ['John Kirby', 'John Kirby']);
  });

  it('keeps a quote left open to the end of its paragraph', () => {
    const quotes = said('"This is the first paragraph of a long statement that continues\n"And this is the second.');
    assert.equal(quotes[0][0], 'This is the first paragraph of a long statement that continues');
  });

  it('gives offsets of the words inside the quote marks', () => {
    const text = 'She said "no way" twice.';
    const [q] = quotesOf(text);
    assert.equal(text.slice(q.start, q.end), 'no way');
    assert.equal(text.slice(q.outer.start, q.outer.end), '"no way"');
  });
});
