// Support that survives paraphrase, on a small story written for the test:
// claims retold in other words and other sentence shapes must find it, and
// near-misses (the opposite said, "could" for "did", the same words about
// another place) must not.

import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { checkArticle } from '../../server/src/engine';
import { corpusOf } from './helpers';
import { conflict, readText } from '../../server/src/evidence/paraphrase';
import { SUPPORT_THRESHOLD } from '../../server/src/evidence/support';

const FLOODS = `Floods swamp Marlow County
Floodwaters in Marlow County have caused over 120 fatalities and displaced more than 30,000 residents in less than two weeks, county officials said.
Governor Ana Reyes is currently not pursuing a state of emergency declaration for Marlow County, according to her office.
The Marlow County council could postpone the harvest festival until the waters recede.
Relief agencies in Marlow County have seen their operations limited as the Tamsin River keeps rising.
Engineers with the Tamsin River authority warned that the Harlow dam might fail within days.
`;

const ROADS = `Road repairs begin in Dunmore
Crews in Dunmore started repairing potholes on Main Street on Tuesday, the city said.
`;


describe('paraphrase', () => {
  const corpus = corpusOf({ 'floods.txt': FLOODS, 'roads.txt': ROADS });
  /** The sources backing the claim part that contains `anchor`. */
  const backing = (article: string, anchor: string) => {
    const r = checkArticle(article, { format: 'plaintext', corpus });
    const at = article.indexOf(anchor);
    const i = r.analysis.claims.findIndex((c) => c.start <= at && c.end > at);
    assert.ok(i >= 0, `no claim covers "${anchor}"`);
    return r.support[i];
  };
  const headline = 'Marlow County\n';

  describe('finds the story told in other words', () => {
    it('a toll and a displacement figure with other verbs and nouns', () => {
      const s = backing(`${headline}In under two weeks the flooding in Marlow County has killed more than 120 people and uprooted over 30,000.\n`, 'killed more than 120');
      assert.equal(s[0]?.sourceId, 'sources/floods.txt');
      assert.ok(s[0].why.some((w) => w.startsWith('shared figure')), s[0].why.join('; '));
    });

    it('"stepped back from pursuing" for "not pursuing", in another sentence shape', () => {
      const s = backing(`${headline}A state of emergency declaration for Marlow County is something Governor Ana Reyes has stepped back from pursuing.\n`, 'stepped back');
      assert.equal(s[0]?.sourceId, 'sources/floods.txt');
    });

    it('"may delay" for "could postpone"', () => {
      const s = backing(`${headline}The harvest festival may be delayed by the Marlow County council until the floodwaters recede.\n`, 'harvest festival');
      assert.equal(s[0]?.sourceId, 'sources/floods.txt');
      assert.ok(s[0].why.some((w) => /matching event: .*delayed ~ postpone/.test(w)), s[0].why.join('; '));
    });

    it('each part of a sentence on its own, leaving the unbacked part without support', () => {
      const article = `${headline}Floods in Marlow County have killed over 120 people, while a tornado in Kansas flattened a bus depot downtown.\n`;
      const r = checkArticle(article, { format: 'plaintext', corpus });
      assert.deepEqual(r.analysis.claims.map((c) => c.text), ['Floods in Marlow County have killed over 120 people', 'while a tornado in Kansas flattened a bus depot downtown.']);
      assert.equal(r.support[0][0]?.sourceId, 'sources/floods.txt');
      assert.deepEqual(r.support[1], []);
    });
  });

  describe('near-misses get no support', () => {
    it('the opposite of what the source says', () => {
      assert.deepEqual(backing(`${headline}Governor Ana Reyes is pursuing a state of emergency declaration for Marlow County.\n`, 'pursuing'), []);
    });

    it('a claim that something did not happen, against a passage that negates nothing', () => {
      assert.deepEqual(backing(`${headline}Relief agencies in Marlow County have not received any funding as the Tamsin River keeps rising.\n`, 'Relief agencies'), []);
    });

    it('"did" where the source says "could"', () => {
      assert.deepEqual(backing(`${headline}The Marlow County council postponed the harvest festival until the waters recede.\n`, 'postponed'), []);
      assert.deepEqual(backing(`${headline}The Harlow dam on the Tamsin River failed, engineers with the river authority said.\n`, 'failed'), []);
    });

    it('what the source says only inside a negation ("not pursuing efforts to win a truce" is not "seeking a truce")', () => {
      assert.deepEqual(backing(`${headline}Governor Ana Reyes was still seeking a state of emergency declaration for Marlow County.\n`, 'seeking'), []);
    });

    it('a figure that agrees, about a place the passage never names', () => {
      assert.deepEqual(backing(`${headline}Floods in Marlow County made headlines, and more than 30,000 displaced residents are sheltering in Dunmore.\n`, 'sheltering'), []);
    });

    it('the same words about another place', () => {
      assert.deepEqual(backing(`${headline}Floodwaters in Bangladesh have displaced thousands of residents, officials said on Wednesday.\n`, 'Bangladesh'), []);
      assert.deepEqual(backing(`${headline}Crews in Marlow County started repairing potholes on Tuesday, county officials said.\n`, 'potholes'), []);
    });
  });

  describe('reading', () => {
    it('marks negated and possible meanings, and names a conflict', () => {
      const not = readText('The governor is not pursuing a declaration.');
      const stepped = readText('The governor stepped back from actively pursuing a declaration.');
      const plain = readText('The governor is pursuing a declaration.');
      assert.equal(conflict(stepped, not), undefined);
      assert.ok(conflict(plain, not));
      assert.ok(conflict(readText('The army is involved in the operation.'), readText('The army has no involvement in the operation.')));
      assert.ok(conflict(readText('The council postponed the festival.'), readText('The council could delay the festival.')));
      assert.equal(conflict(readText('The council might delay the festival.'), readText('The council could postpone the festival.')), undefined);
    });

    it('denies what a negated clause goes on to say, up to its end', () => {
      const not = readText('Officials are not pursuing efforts to reinstate a truce, as the fighting spreads.');
      const seeking = readText('Officials are seeking a truce.');
      assert.ok(conflict(seeking, not));
      assert.equal(conflict(readText('Officials are no longer seeking to restore a truce.'), not), undefined);
      // The clause after the comma is not denied.
      assert.equal(conflict(readText('The fighting spreads.'), not), undefined);
    });

    it('lets a modal govern the verb after "and", not the name after a name', () => {
      const aimed = readText('The plan aimed to help residents return home in northern Marlow and southern Dunmore.');
      assert.equal(conflict(readText('The plan let residents return home in northern Marlow and southern Dunmore.'), aimed), undefined);
      assert.ok(conflict(readText('The agencies delayed action.'), readText('The agencies may serve to facilitate talks and delay action.')));
    });

    it('does not read "living" as "killed"', () => {
      assert.equal(conflict(readText('Thousands were killed.'), readText('Thousands are living there.')), undefined);
      assert.ok(!readText('Thousands are living there.').concepts.has([...readText('Thousands were killed.').concepts].find((c) => c.startsWith('~'))!));
    });

    it('reads "not yielded" as "failed"', () => {
      assert.equal(conflict(readText('Talks have not yielded anything.'), readText('Talks failed.')), undefined);
      assert.ok(readText('Talks have not yielded anything.').concepts.has([...readText('Talks failed.').concepts].find((c) => c.startsWith('~'))!));
    });
  });

  it('cuts sentences into claims only where each part says something', () => {
    const parts = (s: string) => analyze(`Headline\n${s}\n`, { format: 'plaintext' }).claims.map((c) => c.text);
    assert.deepEqual(parts('Officials in Marlow County said that the river, which rose overnight, would crest on Friday.'), [
      'Officials in Marlow County said that the river, which rose overnight, would crest on Friday.',
    ]);
    assert.deepEqual(parts('Although the governor visited Marlow County on Monday, relief agencies say they have received no funds.'), [
      'Although the governor visited Marlow County on Monday',
      'relief agencies say they have received no funds.',
    ]);
    // A trailing attribution closes its part; "officials said" alone introduces the next.
    assert.deepEqual(parts('Governor Ana Reyes is still not pursuing a declaration, county officials said, as the Tamsin River keeps rising toward Dunmore.'), [
      'Governor Ana Reyes is still not pursuing a declaration, county officials said',
      'as the Tamsin River keeps rising toward Dunmore.',
    ]);
    assert.deepEqual(parts('The mayor of Dunmore said, hours after the Tamsin River crested, that the dam had held.'), [
      'The mayor of Dunmore said, hours after the Tamsin River crested, that the dam had held.',
    ]);
    assert.deepEqual(parts('Rescuers "will not stop, and will not rest" until everyone in Marlow County is found, the mayor said.'), [
      'Rescuers "will not stop, and will not rest" until everyone in Marlow County is found, the mayor said.',
    ]);
  });

  it('lets a long sentence said again word for word stand without a named actor, but not a short one', () => {
    const harbor = corpusOf({
      'a.txt': 'Storm passes\nThe port reopened on Thursday after the storm, the harbor authority said.\n',
      'b.txt': 'Quiet week\nThe market opened late on Monday, traders said.\n',
    });
    const support = (article: string) => checkArticle(article, { format: 'plaintext', corpus: harbor }).support.flat();
    assert.deepEqual(support('Storm\nThe port reopened on Thursday after the storm, the harbor authority said.\n').map((s) => s.sourceId), ['sources/a.txt']);
    assert.deepEqual(support('Storm\nThe port reopened on Thursday, officials said.\n'), []);
  });

  it('has one threshold on a 0–1 scale that every support reaches', () => {
    const r = checkArticle(`${headline}In under two weeks the flooding in Marlow County has killed more than 120 people and uprooted over 30,000.\n`, { format: 'plaintext', corpus });
    for (const s of r.support.flat()) assert.ok(s.score >= SUPPORT_THRESHOLD && s.score <= 1, String(s.score));
  });
});
