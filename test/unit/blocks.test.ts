import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { splitBlocks } from '../../server/src/analysis/blocks';

const sentences = (text: string, format: 'plaintext' | 'markdown' = 'plaintext') =>
  analyze(text, { format }).sentences.map((s) => [s.kind, text.slice(s.start, s.end)]);

describe('blocks and sentences', () => {
  it('ends a sentence at a line break in one-paragraph-per-line text', () => {
    assert.deepEqual(sentences('A headline without a stop\nThe body starts here. It goes on.\n'), [
      ['headline', 'A headline without a stop'],
      ['paragraph', 'The body starts here.'],
      ['paragraph', 'It goes on.'],
    ]);
  });

  it('splits "stating:" from the quote on the next line', () => {
    const text = 'The US continues to advocate diplomacy, stating:\n"We are going to talk."\n';
    assert.deepEqual(sentences(text).map((s) => s[1]), ['The US continues to advocate diplomacy, stating:', '"We are going to talk."']);
  });

  it('keeps hard-wrapped paragraphs together', () => {
    const text = [
      'The council approved the budget on Monday after a debate that',
      'lasted well into the night, and the mayor said she would sign',
      'it this week. Residents who attended the meeting were divided',
      'over the cuts to library hours and the new police officers.',
      '',
      'A second paragraph follows here.',
    ].join('\n');
    const got = sentences(text);
    assert.equal(got.length, 3);
    assert.match(got[0][1], /^The council approved .* sign\nit this week\.$/s);
  });

  it('reads Markdown: headings, lists, quotes, code, comments, footnotes and front matter', () => {
    const text = [
      '---',
      'title: 35 things',
      '---',
      '# Council approves budget',
      '',
      'The council approved a $412 million budget',
      'on Monday.[^1]',
      '',
      '- The plan adds 35 police officers.',
      '> "We will fix 1,400 potholes," the mayor said.',
      '',
      '```',
      'killed 99 people',
      '```',
      '<!-- claimlens-ignore 12 people -->',
      '',
      '[^1]: seeds/000.txt, "over 1,400 fatalities"',
    ].join('\n');
    const got = sentences(text, 'markdown');
    assert.deepEqual(got.map((s) => s[0]), ['headline', 'paragraph', 'list', 'blockquote', 'footnote']);
    // The footnote reference is markup, not part of the sentence.
    assert.equal(got[1][1], 'The council approved a $412 million budget\non Monday.');
    const figures = analyze(text, { format: 'markdown' }).figures.map((f) => f.text);
    assert.deepEqual(figures, ['$412 million budget', '35 police officers', '1,400 potholes']);
  });

  it('keeps offsets: masked text has the length of the original', () => {
    const text = '# T\n\nSee [a link](https://x.org/1) and **bold 35 people**.\n';
    const { masked } = splitBlocks(text, 'markdown');
    assert.equal(masked.length, text.length);
    const [f] = analyze(text, { format: 'markdown' }).figures;
    assert.equal(text.slice(f.start, f.end), '35 people');
  });

  it('handles CRLF line endings', () => {
    const text = 'Headline here\r\nThe strike killed 12 people.\r\nAnother line.\r\n';
    const a = analyze(text);
    assert.deepEqual(a.sentences.map((s) => text.slice(s.start, s.end)), ['Headline here', 'The strike killed 12 people.', 'Another line.']);
    assert.equal(text.slice(a.figures[0].start, a.figures[0].end), '12 people');
  });

  it('survives empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\n\n', '\t\r\n']) {
      const a = analyze(text);
      assert.deepEqual([a.sentences, a.figures, a.claims], [[], [], []]);
    }
  });
});

describe('claims', () => {
  const claims = (text: string) => analyze(text).claims.map((c) => c.text);

  it('takes checkable sentences and leaves out headlines and subheads', () => {
    const text = [
      'Washington shifts focus as Lebanon fighting widens',
      'Israel’s airstrikes have killed more than 1,400 people.',
      '‘Remaining gaps’',
      'Hezbollah in turn has launched rockets towards Israel.',
      'It was a long day.',
      '"We will talk," Kirby said.',
    ].join('\n');
    assert.deepEqual(claims(text), [
      'Israel’s airstrikes have killed more than 1,400 people.',
      'Hezbollah in turn has launched rockets towards Israel.',
      '"We will talk," Kirby said.',
    ]);
  });

  it('records why a sentence is a claim', () => {
    const [c] = analyze('First line\nPresident Joe Biden said 35 people were "safe".').claims;
    assert.deepEqual(c.reasons, ['figure', 'quote', 'official', 'attribution', 'actor']);
  });
});
