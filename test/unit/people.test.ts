import assert from 'node:assert/strict';
import { officialsOf, people, quotesOf } from './helpers';

const speakers = (text: string) => quotesOf(text).map((q) => q.speaker ?? null);
const mentions = (text: string) => officialsOf(text).map((o) => [o.text, o.name]);

describe('people: titles as newsrooms write them', () => {
  it('reads a described role after the name, with the body it serves', () => {
    const [o] = officialsOf('The dose matters, said Priya Nandan, a neuroimaging researcher at Halford University, who was not involved.');
    assert.equal(o.name, 'Priya Nandan');
    assert.equal(o.title, 'neuroimaging researcher at Halford University');
    const [p] = officialsOf('Omar Reyes, director of public affairs at the port agency, said the ships were late.');
    assert.equal(p.title, 'director of public affairs at the port agency');
  });

  it('does not take a verb and the title of someone else for a described role', () => {
    assert.deepEqual(officialsOf('Dana Whitfield, who criticized Senator Ray Oduya, was not at the rally.').map((o) => o.name), ['Ray Oduya']);
  });

  it('reads a role after "then" or "who is now"', () => {
    assert.equal(officialsOf('Lena Ortiz, then her private secretary, said the plan was sound.')[0]?.title, 'private secretary');
    assert.equal(officialsOf('He hired a student named Tomas Berg, who is now the festival’s producer.')[0]?.name, 'Tomas Berg');
  });

  it('reads the organisation that owns a name as its title', () => {
    const [o] = officialsOf('Brightline’s Dana Kessler suggests that rates will fall.');
    assert.deepEqual(o, { text: 'Dana Kessler', name: 'Dana Kessler', title: 'Brightline' });
    const [p] = officialsOf("Loeb's attorney Marcus T. Heller declined to comment.");
    assert.equal(p.name, 'Marcus T. Heller');
  });

  it('reads "of the University of …" as a tie to an institution', () => {
    assert.equal(officialsOf('Ana Pereira of the University of Tarrow said the colony was shrinking.')[0]?.name, 'Ana Pereira');
  });

  it('gives a title shared by two names to both', () => {
    const found = officialsOf('Both studio analysts, Rolf Danner and Mick Seward are paid to argue.');
    assert.deepEqual(found.map((o) => o.name), ['Rolf Danner', 'Mick Seward']);
  });

  it('knows coaches, professors, lawyers, anchors and clergy', () => {
    for (const [text, name] of [
      ['Head coach Darnell Fisk praised the defence.', 'Darnell Fisk'],
      ['Professor Ingrid Holm teaches there.', 'Ingrid Holm'],
      ['Defense attorney Nico Calder filed a motion.', 'Nico Calder'],
      ['Father Tomas Reilly led the prayers.', 'Tomas Reilly'],
      ['Airline boss Rafe Linton tweeted an apology.', 'Rafe Linton'],
    ]) {
      assert.equal(officialsOf(text)[0]?.name, name, text);
    }
  });

  it('does not take the word after a title word for a name', () => {
    for (const text of [
      'Shares of General Electric fell on Monday.',
      'The Chief Whip spoke to members.',
      'Guests gathered at the Executive Mansion.',
      'The Investor Advocate will push for more exams.',
    ]) {
      assert.deepEqual(officialsOf(text), [], text);
    }
  });

  it('still reads a surname after a title that is no ordinary word ("Secretary Blinken")', () => {
    for (const [text, name] of [
      ['Secretary Blinkert said the talks would go on.', 'Blinkert'],
      ['Chief Ramsay said two officers were hurt.', 'Ramsay'],
      ['Justice Kavanagh wrote the opinion.', 'Kavanagh'],
      ['Premier Li spoke in Beijing.', 'Li'],
    ]) {
      assert.equal(officialsOf(text)[0]?.name, name, text);
    }
  });

  it('keeps a middle initial inside the name', () => {
    assert.equal(officialsOf('Robert M. Danin, a senior fellow at the council, said talks had stalled.')[0]?.name, 'Robert M. Danin');
  });

  it('reads a role serving a body described in ordinary words', () => {
    const [o] = officialsOf('Reports quoted the head of the flood relief agency, Arif Basuki Wirawan, as saying three had died.');
    assert.equal(o.name, 'Arif Basuki Wirawan');
    assert.equal(o.title, 'head of the flood relief agency');
  });

  it('reads a role given with "as", past an aside', () => {
    const text = 'The exam came in 1986 with Kenneth Barlow, now Lord Barlow, as education secretary. Lord Barlow said so.';
    assert.deepEqual(officialsOf(text).map((o) => [o.text, o.name]), [['Kenneth Barlow', 'Kenneth Barlow'], ['Barlow', 'Kenneth Barlow'], ['Barlow', 'Kenneth Barlow']]);
    assert.deepEqual(officialsOf('The grant positions Comcast as a lead partner.'), []);
  });

  it('keeps "King." at a sentence end out of the next name', () => {
    assert.deepEqual(officialsOf("It will be reviewed, according to Gridiron Weekly's Peter King. Suh will not be suspended.").map((o) => o.name), ['Peter King']);
  });

  it('reads an institution followed by where it is', () => {
    assert.equal(officialsOf('“It is fragile,” Wren Halloway of the University of Tarrow in Kells, Norland, said.')[0]?.name, 'Wren Halloway');
  });

  it('reads a title on the line after a name standing alone', () => {
    const [o] = officialsOf('Four economists look ahead.\n\nJulia Jessel\n\nChief markets economist, Harbour Economics\n\nOil will stay cheap.');
    assert.deepEqual(o, { text: 'Julia Jessel', name: 'Julia Jessel', title: 'Chief markets economist' });
  });

  it('keeps a regnal number with the name', () => {
    assert.equal(officialsOf('Pope Benedict XVI resigned in 2013.')[0]?.name, 'Benedict XVI');
  });

  it('does not take a place after "in" for a person with the next clause as title', () => {
    assert.deepEqual(officialsOf('Finally, in South Carolina, it’s GOP Sen. Rand Pauling who visits most.').map((o) => o.name), ['Rand Pauling']);
  });

  it('does not read a first name before a nickname as someone already named', () => {
    const text = 'Executive director Ray Marsh spoke. The hall is named after Ray "Tank" Doyle.';
    assert.deepEqual(officialsOf(text).map((o) => o.text), ['Ray Marsh']);
  });

  it('does not take a run inside another title, or a place, for a person', () => {
    const found = officialsOf('Institute for Polar Studies glaciologist Gavin Rusk said the risk rises.');
    assert.deepEqual(found.map((o) => o.name), ['Gavin Rusk']);
  });
});

describe('people: later mentions', () => {
  it('reads "Mr.", "Dr." and the surname alone as the full name', () => {
    assert.deepEqual(mentions('Lawyer Marcus Heller spoke first. Mr. Heller said the case was weak. Later Heller left.'), [
      ['Marcus Heller', 'Marcus Heller'],
      ['Heller', 'Marcus Heller'],
      ['Heller', 'Marcus Heller'],
    ]);
  });

  it('reads "Sir" with a first name and "Lord" with a surname', () => {
    const text = 'Education secretary Alan Jorgen resisted. Sir Alan later resigned. Home secretary Kenneth Barlow agreed. Lord Barlow said so.';
    assert.deepEqual(mentions(text).map(([, n]) => n), ['Alan Jorgen', 'Alan Jorgen', 'Kenneth Barlow', 'Kenneth Barlow']);
  });

  it('reads a first name alone after the full name', () => {
    const found = mentions('Festival director Wes Bramley organised the show. Wes says it sold out.');
    assert.deepEqual(found[1], ['Wes', 'Wes Bramley']);
  });

  it('completes a titled surname from a full name given without a title', () => {
    const found = mentions('Donald Trump arrived late. President Trump then spoke.');
    assert.deepEqual(found, [
      ['Donald Trump', 'Donald Trump'],
      ['Trump', 'Donald Trump'],
    ]);
  });

  it('keeps a one-word titled name for later mentions ("Pope Francis" … "Francis")', () => {
    assert.deepEqual(mentions('Pope Francis met the nuns. Later Francis blessed them.').map(([t]) => t), ['Francis', 'Francis']);
  });

  it('tells two people with one surname apart by the full name written last', () => {
    const text = 'Senator Rand Pauling spoke first. Representative Ron Pauling followed. Pauling said the vote was close.';
    assert.equal(officialsOf(text)[2].name, 'Ron Pauling');
    // With neither full name before it, the surname stays unresolved.
    assert.deepEqual(officialsOf('Pauling said the vote was close. Senator Rand Pauling and Representative Ron Pauling disagreed.').map((o) => o.text), ['Rand Pauling', 'Ron Pauling']);
  });

  it('reads "May" as a surname only after the article names someone so', () => {
    assert.deepEqual(mentions('Analyst Theo May disagreed. May said the team was weak.').map(([, n]) => n), ['Theo May', 'Theo May']);
    assert.deepEqual(officialsOf('In May the team was weak.'), []);
  });

  it('matches "Mueller" to "Müller"', () => {
    assert.equal(officialsOf('Gerd Müller, the prefect for the congregation, spoke. Mueller said it was a provocation.')[1]?.name, 'Gerd Müller');
  });

  it('still resolves from the corpus a name the document leaves bare', () => {
    const corpus = people(['Lloyd Austin', 'US Defense Secretary']);
    assert.deepEqual(officialsOf('Gallant will meet Lloyd Austin this week.', { people: corpus }).map((o) => o.name), ['Lloyd Austin']);
  });
});

describe('people: quote speakers', () => {
  it('gives a quote to a named person with no title', () => {
    assert.deepEqual(speakers('“It was a long night,” said Dana Whitfield, who lives nearby.'), ['Dana Whitfield']);
  });

  it('takes the speaker named after the quote with a description in between', () => {
    const text = '“It is barely a lake,” Erik van Sebring, an oceanographer at Marlow University, told reporters.';
    assert.deepEqual(speakers(text), ['Erik van Sebring']);
  });

  it('gives "he said" to the nearest subject, not an earlier speaker', () => {
    const text = '“We are ready,” said spokesman Ravi Menon.\n\nCoach Ellis Hart watched from the stands. “They played well,” he said.';
    assert.deepEqual(speakers(text), ['Ravi Menon', 'Ellis Hart']);
  });

  it('gives "she said" to the woman, not the man named nearer', () => {
    const text = 'Maria Kovacs runs the shelter. She said it was full.\n\nOn the subject of Tom Brandt, who left, she said, “He was not ready.”';
    assert.deepEqual(speakers(text), ['Maria Kovacs']);
  });

  it('gives the quote to the clause subject before a participle', () => {
    const text = 'Lena Dorsey praised her friends Jay Ober and Kim Ober, saying, “They are the best.”';
    assert.deepEqual(speakers(text), ['Lena Dorsey']);
  });

  it('takes the verb right before the quote over an earlier one in the sentence', () => {
    const text = 'When Hal Stern asked about it, Gina Palter revealed, “I check in at once.”';
    assert.deepEqual(speakers(text), ['Gina Palter']);
  });

  it('does not take pieces of a clause for a speaker', () => {
    const text = 'The board began a review which he said would end “the waste”.';
    assert.notEqual(speakers(text)[0], 'a review which he');
    assert.deepEqual(speakers('In one memo she was “very worried”.'), [null]);
  });

  it('keeps "Robert M. Danin" whole as a speaker', () => {
    assert.deepEqual(speakers('“Talks have stalled,” said Robert M. Danin, a senior fellow.'), ['Robert M. Danin']);
  });

  it('gives "the spokesman said" to the spokesman the article named', () => {
    const text = 'Foreign Ministry spokesman Ned Pryce spoke on Monday. Reporters pressed him.\n\nLater the spokesman said, “We disagree.”';
    assert.deepEqual(speakers(text), ['Ned Pryce']);
  });

  it('does not take a place for the person a paragraph is about', () => {
    const text = 'Ada Lind drove across South Carolina.\n\n“The roads were empty.”';
    assert.deepEqual(speakers(text), ['Ada Lind']);
  });

  it('keeps a person whose first name is also a city', () => {
    assert.deepEqual(speakers('London Reyes is suing the club.\n\n“I am angry,” Reyes said.'), ['London Reyes']);
  });

  it('does not take a name inside the quote for its speaker', () => {
    const text = 'Ada Lind studies snow.\n\n“There is a spot near Kettle Falls that never melts.”';
    assert.deepEqual(speakers(text), ['Ada Lind']);
  });
});
