// Attribution shapes as newsrooms write them, on short texts written for
// these tests: who is an official (with which title), and who said a quote.
// Each case is one rule class, so a failure names the rule that broke.

import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { officialsOf, quotesOf } from './helpers';

/** The one official the text names (by its first mention): name and title. */
function official(text: string): { name: string; title: string } | undefined {
  const o = officialsOf(text)[0];
  return o && { name: o.name, title: o.title ?? '' };
}

const speakers = (text: string) => quotesOf(text).map((q) => q.speaker ?? null);

describe('newsroom attribution: officials', () => {
  for (const [text, name, title] of [
    // A role, "of" and the body it serves, written before the name.
    ['Secretary of Defense Lloyd Austin met his counterpart.', 'Lloyd Austin', 'Secretary of Defense'],
    ['Speaker of the House Mike Johnson scheduled a vote.', 'Mike Johnson', 'Speaker of the House'],
    ['Director of National Intelligence Avril Haines testified on Tuesday.', 'Avril Haines', 'Director of National Intelligence'],
    ['Minister of Foreign Affairs Ana Brnabic flew to Paris.', 'Ana Brnabic', 'Minister of Foreign Affairs'],
    // Ranks and police titles, abbreviated or not.
    ['Det. Paul Morris said the car had been stolen.', 'Paul Morris', 'Det.'],
    ['Trooper Jake Miller stopped the truck on Route 9.', 'Jake Miller', 'Trooper'],
    ['Cpl. Dana Reyes was injured in the blast.', 'Dana Reyes', 'Cpl.'],
    ['FBI Special Agent Laura Kim said the suspect fled.', 'Laura Kim', 'FBI Special Agent'],
    ['Lt. Gov. Dan Patrick presided over the session.', 'Dan Patrick', 'Lt. Gov.'],
    // Roles newsrooms outside the US use.
    ['Leo Varadkar, Ireland’s taoiseach, said the border would stay open.', 'Leo Varadkar', 'Ireland’s taoiseach'],
    ['Headteacher Sarah Cole said pupils were safe.', 'Sarah Cole', 'Headteacher'],
    ['Sarah Cole, principal of Oakwood Elementary School, said pupils were safe.', 'Sarah Cole', 'principal of Oakwood Elementary School'],
    // Names with particles.
    ['Ursula von der Leyen, the European Commission president, said the deal was fair.', 'Ursula von der Leyen', 'European Commission president'],
    ['Frans van der Berg, the Dutch finance minister, said the budget was tight.', 'Frans van der Berg', 'Dutch finance minister'],
    ['Gustavo de la Cruz, a spokesman for the mayor, said the road would reopen.', 'Gustavo de la Cruz', 'spokesman for the mayor'],
    ['Ajax manager Erik ten Hag said the team was tired.', 'Erik ten Hag', 'Ajax manager'],
    // The body a role serves, written after it.
    ['Mike Lane, a professor of law at Yale University, said the ruling was narrow.', 'Mike Lane', 'professor of law at Yale University'],
    ['Brian Moss, Bank of Avalon’s chief executive, told analysts that margins would rise.', 'Brian Moss', 'Bank of Avalon’s chief executive'],
    ['Tim Hart, Acme’s chief financial officer, resigned on Friday.', 'Tim Hart', 'Acme’s chief financial officer'],
    // An age between the name and the title.
    ['John Smith, 45, a spokesman for the fire department, said the blaze was out.', 'John Smith', 'spokesman for the fire department'],
    // "herself a former …": a reflexive before the title.
    ['Joan Pike, herself a former education secretary, opposed the exams.', 'Joan Pike', 'former education secretary'],
    // A relative clause that gives the role.
    ['Dana Whitfield, who heads the county health department, said the clinic would reopen.', 'Dana Whitfield', 'heads the county health department'],
    ['Kevin Marsh, who chairs the zoning board, said the vote was close.', 'Kevin Marsh', 'chairs the zoning board'],
    ['Erin Cole, a former FBI agent, said the case was unusual.', 'Erin Cole', 'former FBI agent'],
    // Two roles joined, then the body.
    ['Jane Cole, president and chief executive of Halvorsen, said the deal closed.', 'Jane Cole', 'president and chief executive of Halvorsen'],
    // A profession capitalised at the start of a sentence is not part of the name.
    ['Democrat Tom Hale, who chairs the state party, voted no.', 'Tom Hale', 'chairs the state party'],
  ] as const) {
    it(`${name} as "${title}": ${text}`, () => {
      const o = official(text);
      assert.ok(o, `no official in: ${text}`);
      assert.equal(o.name, name);
      assert.equal(o.title.replace(/\.$/, ''), title.replace(/\.$/, ''));
    });
  }

  it('reads a party and state after a name as a lawmaker’s title', () => {
    assert.deepEqual(officialsOf('Jane Doe, D-Springfield, introduced the bill.'), [{ text: 'Jane Doe', name: 'Jane Doe', title: 'D-Springfield' }]);
    assert.equal(officialsOf('Tom Hale (R-N.Y.) introduced the bill.')[0]?.title, 'R-N.Y');
  });

  it('takes neither a party and state nor a figure of speech for a person or a role', () => {
    assert.deepEqual(officialsOf('In this race it is Sen. Tom Hale, R-Texas, who leads the pack.'), [{ text: 'Tom Hale', name: 'Tom Hale', title: 'Sen' }]);
    assert.deepEqual(officialsOf('Maria Lopez, who lives near the bridge, said the closure hurt.'), []);
    assert.deepEqual(officialsOf('Maria Lopez, who runs a stall near the bridge, said the closure hurt.'), []);
  });

  it('reads a person the article gives no title as no official, however well known', () => {
    // An office depends on the article's date; only the article itself can tie a person to one.
    assert.deepEqual(officialsOf('Vladimir Putin could choose to default on the debt.'), []);
    assert.equal(officialsOf('Former KGB officer Vladimir Putin rose fast.')[0].title, 'Former KGB officer');
  });

  it('starts a name at the given name after capitalised descriptions', () => {
    const text = 'Veteran Wall Streeter Charlotte Moss spoke at the dinner. “It is always about trust,” Moss said.';
    assert.deepEqual(speakers(text), ['Charlotte Moss']);
  });

  it('reads every later mention of a name with a particle', () => {
    const found = officialsOf('Frans van der Berg, the Dutch finance minister, spoke. Van der Berg said the budget was tight.');
    assert.deepEqual(found.map((o) => o.name), ['Frans van der Berg', 'Frans van der Berg']);
  });

  it('reads "Sharaa" for "al-Sharaa" and keeps "Sheikh" and "Prince" out of names', () => {
    assert.deepEqual(officialsOf('Ahmed al-Sharaa, the interim president, spoke. Sharaa said it again.').map((o) => o.name), ['Ahmed al-Sharaa', 'Ahmed al-Sharaa']);
    assert.equal(officialsOf('Sheikh Tamim bin Hamad, the emir of Qatar, spoke.')[0]?.name, 'Tamim bin Hamad');
    assert.equal(officialsOf('Saudi Foreign Minister Prince Faisal bin Farhan spoke.')[0]?.name, 'Faisal bin Farhan');
  });

  it('reads the first of two Spanish surnames as the person', () => {
    const found = officialsOf('Mayor Rosa Salinas Ortega opened the bridge. Salinas said it cost too much.');
    assert.deepEqual(found.map((o) => [o.text, o.name]), [['Rosa Salinas Ortega', 'Rosa Salinas Ortega'], ['Salinas', 'Rosa Salinas Ortega']]);
  });

  it('keeps bylines, photo credits, datelines and companies out', () => {
    for (const text of [
      'By Jane Doe\n\nThe council voted on Tuesday to raise fees.',
      'Photo: John Smith/Reuters\n\nThe council voted on Tuesday.',
      'WASHINGTON — The Supreme Court ruled on Monday that the law stood.',
      'General Motors said sales rose in the third quarter.',
      'The Federal Reserve raised rates on Wednesday.',
      'Major League Baseball suspended the pitcher for 80 games.',
      'Admiral Insurance cut its prices.',
    ]) {
      assert.deepEqual(officialsOf(text), [], text);
    }
  });
});

describe('newsroom attribution: quote speakers', () => {
  it('tells "she said" from the nearer man by the first names', () => {
    const text = 'Mayor Ellen Park and council member Jorge Ruiz met on Monday. Ruiz spoke first. “We want the bridge,” she said.';
    assert.deepEqual(speakers(text), ['Ellen Park']);
    assert.deepEqual(speakers('Sen. Tom Hale and Rep. Jane Cole spoke on Monday. “We have the votes,” she said.'), ['Jane Cole']);
  });

  it('gives "she said" to the last quoted woman over an earlier one', () => {
    const text =
      'Judge Ruth Alder, who heads the appeals panel, spoke on Monday. “We will rule soon,” she said.\n\n' +
      '“It was a long wait,” said Maria Okafor at a rally outside the court.\n\n' +
      'She said the families had waited for years. “We are tired,” she said.';
    assert.deepEqual(speakers(text), ['Ruth Alder', 'Maria Okafor', 'Maria Okafor']);
  });

  it('reads "the actress said" and "the 54-year-old said" as the person just named', () => {
    assert.deepEqual(speakers('Mayor Dana Whitfield spoke on Monday. “We are out of money,” the 54-year-old said.'), ['Dana Whitfield']);
    assert.deepEqual(speakers('Actress Julia Stone spoke to the festival board on Monday. “I loved it,” the actress said.'), ['Julia Stone']);
  });

  it('gives a quote to the person who shouts it inside a reported clause', () => {
    const text = 'Ranger Tom Alder and Sgt. Lisa Moreno were on the beach. Alder said that Moreno ran to the water, yelled “get out now!” and waved.';
    assert.deepEqual(speakers(text), ['Lisa Moreno']);
  });

  it('reads "quote X as saying"', () => {
    const text = 'Mayor Rosa Salinas Ortega resigned on Monday. “I don’t regret it,” local papers quote Salinas as saying.';
    assert.deepEqual(speakers(text), ['Rosa Salinas Ortega']);
  });

  it('continues the speaker of "X said that …" into the unattributed quote after it', () => {
    const text = 'Coach Nina Berg spoke after the game. Berg said that the team had played well. “We never gave up. I am proud of them.”';
    assert.deepEqual(speakers(text), ['Nina Berg']);
  });

  it('keeps a quote broken across paragraphs with its speaker', () => {
    const text =
      'Gov. Tom Reyes toured the town on Tuesday.\n\n' +
      '“We will rebuild every home,” Reyes said. “We will rebuild every school.\n\n' +
      '“And we will do it before winter.”\n\n' +
      'Council member Ana Ruiz said the money was not there.';
    assert.deepEqual(speakers(text), ['Tom Reyes', 'Tom Reyes', 'Tom Reyes']);
  });

  it('gives a quote running over paragraphs to the speaker named at its end', () => {
    const text =
      'Mayor Ana Ruiz and Gov. Tom Reyes toured the town on Tuesday.\n\n' +
      '“We will rebuild every home. We will rebuild every school.\n\n' +
      '“And we will do it before winter,” Reyes said.';
    assert.deepEqual(speakers(text), ['Tom Reyes', 'Tom Reyes']);
  });

  it('gives "he added" to the speaker, not to another man in the paragraph', () => {
    const text = 'Police Chief Mark Dunn stood beside Mayor Carl Ortiz. “We found the car,” Dunn said. “It was empty,” he added.';
    assert.deepEqual(speakers(text), ['Mark Dunn', 'Mark Dunn']);
  });

  it('reads a nested single quote as part of the outer quote', () => {
    const text = '“He told me, ‘Don’t worry about it,’ and then he left,” said Jane Cole, a spokeswoman for the city.';
    const quotes = analyze(text, {}).quotes;
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0].speaker, 'Jane Cole');
  });

  it('reads a first name written before the full name as that person', () => {
    const text =
      'When the phone rang, his wife Nadine was in the kitchen. Nadine worried that Hal would choke. “I was just panicking,” she says.\n\n' +
      'According to Nadine Okafor, the agents believed the caller was abroad.';
    assert.deepEqual(speakers(text), ['Nadine Okafor']);
  });

  it('leaves "she said" unresolved rather than give it to the man the sentence before names', () => {
    const text = 'The Rev. Martin Osei led the service. Afterwards, Osei’s daughter, Ama, spoke briefly. “He would have loved this,” she said.';
    assert.deepEqual(speakers(text), [null]);
  });

  it('tells Mrs. Park from Mr. Park by their given names', () => {
    const text = 'Ellen Park and her husband, Tom Park, lost their home. “We have nothing left,” Mrs. Park said. “Nothing,” Mr. Park said.';
    assert.deepEqual(speakers(text), ['Ellen Park', 'Tom Park']);
  });

  it('reads a name and a colon before a quote', () => {
    assert.deepEqual(speakers('Gov. Tom Reyes spoke first.\n\nGov. Tom Reyes: “We will get it done.”'), ['Tom Reyes']);
    assert.deepEqual(speakers('Coach Tom Hale had a message for his critics: “Come and see for yourself.”'), ['Tom Hale']);
  });

  it('does not take the clause after ", adding that" for a speaker', () => {
    const text = 'President Anne Morel told French radio that the reform was “necessary,” adding that she would “not back down.”';
    assert.deepEqual(speakers(text), ['Anne Morel', 'Anne Morel']);
  });

  it('reads "the then prime minister said" as the head of government the article is about', () => {
    const text =
      'Margot Hale opposed the new exams, papers released on Friday show. ' +
      'In comments likely to be seen by her party as a vindication, the then prime minister said the system would let “biased” teachers decide.';
    assert.deepEqual(speakers(text), ['Margot Hale']);
  });

  it('reads "said X, who …" and "according to X, a spokeswoman for Z"', () => {
    assert.deepEqual(speakers('“The bridge will open in May,” said Lena Ortiz, who runs the transit agency.'), ['Lena Ortiz']);
    assert.deepEqual(speakers('According to Lena Ortiz, a spokeswoman for the agency, “the bridge will open in May.”'), ['Lena Ortiz']);
    assert.deepEqual(speakers('“It is a mistake,” Omar Haddad, 52, told reporters.'), ['Omar Haddad']);
    assert.deepEqual(speakers('“It’s over,” wrote Hale in a blog post.'), ['Hale']);
    assert.deepEqual(speakers('“We are ready,” Park, a Democrat, said on Monday.'), ['Park']);
  });
});
