// Warnings a fact checker can trust: time (running totals, titles), units,
// quote wording, speakers, disputes among sources, severity tiers. Every
// corpus here is written for the test, with dated front matter.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusOf as inFolder, quotesOf } from './helpers';
import { checkArticle } from '../../server/src/engine';
import { dateOfText } from '../../server/src/evidence/dates';
import { FINDING_KINDS, isSeverityKey, severityOf } from '../../server/src/evidence/findingKinds';
import { align, sameContent, wordsWithOffsets } from '../../server/src/evidence/wording';
import { WorkspaceIgnores } from '../../server/src/ignoreFile';


const corpusOf = (files: Record<string, string>) => inFolder(files, 'news');

const dated = (date: string, text: string) => `---\ndate: ${date}\n---\n${text}`;

const OCT7 = dated(
  '2024-10-07',
  `# Lebanon toll passes 1,400 as US steps back
Israel's air strikes and ground operation in Lebanon have killed more than 1,400 people and displaced over a million in less than three weeks, Lebanese officials said.
A ceasefire plan drafted by the United States and France called for a 21-day pause in the fighting between Israel and Hezbollah.
Israeli strikes in southern Lebanon also destroyed about 60 miles of roads used by aid convoys, the United Nations said.
`,
);

const SEP25 = dated(
  '2024-09-25',
  `# Pentagon says US not involved in Israel's Lebanon strikes
"When it comes to Lebanon, the U.S. military has no involvement in Israel's operations," Pentagon spokesperson Sabrina Singh told reporters.
Israeli strikes on Lebanon have killed hundreds of people across the south and the Bekaa valley, the health ministry in Beirut said.
White House spokesperson John Kirby said the administration wanted to avoid a wider war in the region.
President Joe Biden spoke with Israeli Prime Minister Benjamin Netanyahu about the situation in Lebanon.
`,
);

const kindsAndTiers = (r: ReturnType<typeof checkArticle>) => r.findings.map((f) => `${f.kind}/${f.tier}`);

describe('warnings a fact checker can trust', () => {
  const corpus = corpusOf({ 'oct7.md': OCT7, 'sep25.md': SEP25 });
  const check = (text: string, date?: string) => checkArticle(text, { format: 'markdown', corpus, date });
  const TOLL = (n: string) => `# Lebanon campaign widens\n\nIsrael's air strikes and ground operation in Lebanon have killed ${n} people and displaced over a million, Lebanese officials said.\n`;

  describe('dates', () => {
    it('takes the article date from front matter or a dateline, never from a sentence', () => {
      assert.equal(dateOfText('---\ntitle: x\ndate: "2024-09-25"\n---\n# Head\n'), '2024-09-25');
      assert.equal(dateOfText('Lebanon toll rises\n\nBEIRUT, Oct. 7, 2024 (Reuters) - Israeli strikes killed...\n'), '2024-10-07');
      assert.equal(dateOfText('Head\nPublished October 8, 2024\n\nText.\n'), '2024-10-08');
      assert.equal(dateOfText('Head\n\nOn October 7, 2023, Hamas attacked southern Israel.\n'), undefined);
      assert.equal(dateOfText('Head\n\nNo date here.\n'), undefined);
    });

    it('lets the caller give the date (the CLI --date), over what the text says', () => {
      const r = checkArticle(dated('2024-09-01', TOLL('140')), { format: 'markdown', corpus, date: '2024-10-07' });
      assert.equal(r.date, '2024-10-07');
    });
  });

  describe('running totals', () => {
    it('a toll that rose since the article is no contradiction: "more than 600" on 26 September against "more than 1,400" on 7 October', () => {
      assert.deepEqual(kindsAndTiers(check(dated('2024-09-26', TOLL('more than 600')))), []);
    });

    it('a toll that fell is a same-time contradiction: "more than 600" on 10 October against "more than 1,400" on 7 October', () => {
      const r = check(dated('2024-10-10', TOLL('more than 600')));
      assert.deepEqual(kindsAndTiers(r), ['contradicted-figure/same-time']);
      assert.match(r.findings[0].message, /"more than 1,400 people" \(read as 1,400–1,500, deaths \(killed\)\) in "Lebanon toll passes 1,400 as US steps back", 7 Oct 2024\.$/);
      assert.equal(severityOf(r.findings[0].kind, r.findings[0].tier), 'warning');
    });

    it('an earlier report larger than a later one is a contradiction: "2,000" on 1 October against "more than 1,400" on 7 October', () => {
      assert.deepEqual(kindsAndTiers(check(dated('2024-10-01', TOLL('2,000')))), ['contradicted-figure/same-time']);
    });

    it('the same day with incompatible figures is a contradiction (a dropped digit: "140" against "more than 1,400")', () => {
      assert.deepEqual(kindsAndTiers(check(dated('2024-10-07', TOLL('140')))), ['contradicted-figure/same-time']);
    });

    it('where the article has no date, a difference time could explain is information', () => {
      const r = check(TOLL('140'));
      assert.deepEqual(kindsAndTiers(r), ['contradicted-figure/time']);
      assert.match(r.findings[0].message, /running total changes over time, and this article's date is not known/);
      assert.equal(severityOf(r.findings[0].kind, r.findings[0].tier), 'information');
    });

    it('a part of a toll may be smaller than the whole: "140 Hezbollah commanders" against "more than 1,400 people"', () => {
      const text = (what: string) => dated('2024-10-07', `# Lebanon\n\nIsrael's air strikes and ground operation in Lebanon have killed ${what}, Lebanese officials said.\n`);
      assert.deepEqual(kindsAndTiers(check(text('140 Hezbollah commanders'))), []);
      assert.deepEqual(kindsAndTiers(check(text('2,000 children'))), ['contradicted-figure/same-time']);
    });

    it('a slip of a digit or a unit makes two figures the same thing even in other words', () => {
      const text = (what: string) => dated('2024-10-07', `# Truce talks stall\n\nWashington and Paris floated ${what} last month, which Israel rejected, as strikes on Hezbollah went on.\n`);
      assert.deepEqual(kindsAndTiers(check(text('a 21-week truce'))), ['contradicted-figure/same-time']);
      assert.deepEqual(kindsAndTiers(check(text('a 30-week truce'))), []);
    });

    it('one incident never compares with a running total', () => {
      const text = dated('2024-10-07', '# Beirut strike\n\nAn Israeli air strike on a building in Lebanon on Thursday killed 22 people, Lebanese officials said.\n');
      assert.deepEqual(kindsAndTiers(check(text)), []);
    });

    it('a vague amount against a same-day figure: "dozens" against "hundreds"', () => {
      const text = (date: string) =>
        dated(date, '# Lebanon strikes\n\nIsraeli strikes on Lebanon have killed dozens of people across the south and the Bekaa valley, the health ministry in Beirut said.\n');
      assert.deepEqual(kindsAndTiers(check(text('2024-09-25'))), ['contradicted-figure/same-time']);
      // Days later the toll may have changed either way for all we know of a vague amount: information.
      assert.deepEqual(kindsAndTiers(check(text('2024-09-20'))), []);
    });
  });

  describe('units', () => {
    it('"21-week" against "21-day" is a contradiction; "three-week" and "504-hour" agree', () => {
      const pause = (d: string) => dated('2024-10-07', `# Ceasefire plan\n\nA ceasefire plan drafted by the United States and France called for a ${d} pause in the fighting between Israel and Hezbollah.\n`);
      const r = check(pause('21-week'));
      assert.deepEqual(kindsAndTiers(r), ['contradicted-figure/same-time']);
      assert.match(r.findings[0].message, /read as 21 weeks, duration\).*read as 21 days, duration\)/);
      assert.deepEqual(kindsAndTiers(check(pause('three-week'))), []);
      assert.deepEqual(kindsAndTiers(check(pause('504-hour'))), []);
    });

    it('distances compare after conversion: about 96 kilometres is about 60 miles, 60 kilometres is not', () => {
      const roads = (d: string) =>
        dated('2024-10-07', `# Aid routes cut\n\nIsraeli strikes in southern Lebanon also destroyed ${d} of roads used by aid convoys, the United Nations said.\n`);
      assert.deepEqual(kindsAndTiers(check(roads('about 96 kilometres'))), []);
      assert.deepEqual(kindsAndTiers(check(roads('60 kilometres'))), ['contradicted-figure/same-time']);
    });
  });

  describe('disputed figures', () => {
    const two = corpusOf({
      'a.md': dated('2024-10-07', '# Lebanon toll\nIsrael\'s air strikes in Lebanon have killed more than 1,400 people in less than three weeks, Lebanese officials said.\n'),
      'b.md': dated('2024-10-07', '# Lebanon toll\nIsrael\'s air strikes in Lebanon have killed about 900 people in less than three weeks, according to a count by aid agencies.\n'),
    });
    it('shows the sources disagreeing instead of hiding the conflict', () => {
      const text = dated('2024-10-07', "# Lebanon\n\nIsrael's air strikes in Lebanon have killed more than 1,400 people in less than three weeks, officials said.\n");
      const r = checkArticle(text, { format: 'markdown', corpus: two });
      assert.deepEqual(kindsAndTiers(r), ['disputed-figure/same-time']);
      assert.match(r.findings[0].message, /news\/a\.md has "more than 1,400 people".*news\/b\.md has "about 900 people"/);
      assert.equal(severityOf('disputed-figure', 'same-time'), 'information');
      assert.equal(r.findings[0].replacement, undefined);
    });
  });

  describe('quote wording', () => {
    const quotes = corpusOf({
      'halevi-a.md': dated(
        '2024-09-25',
        '# Israeli army chief hints at ground invasion\n"Your military boots will enter enemy territory, enter villages that Hezbollah has prepared as large military outposts, with staging points and launchpads into our territory," Israel\'s military commander Herzi Halevi told troops.\nHamas\' leaders rejected the plan, Hamas official Osama Hamdan said.\n"We will not accept any deal that keeps the occupation in Gaza," Hamdan said.\n"The colour of the defence programme will not change," Hamdan added.\n',
      ),
      'halevi-b.md': dated(
        '2024-09-25',
        '# Army chief: troops will enter Lebanon\n"Your military boots will go into enemy territory, into villages that Hezbollah prepared as big military outposts, with staging points and launch pads aimed at our territory," Israel\'s military commander Herzi Halevi told soldiers.\n',
      ),
    });
    const quoteKinds = (text: string) =>
      checkArticle(dated('2024-09-26', text), { format: 'markdown', corpus: quotes }).findings.filter((f) => /quote/.test(f.kind)).map((f) => f.kind);

    it('accepts typography, possessives, spelling, compounds, ellipses and bracketed insertions', () => {
      assert.deepEqual(quoteKinds('# Gaza\n\n“We will not accept any deal that keeps the occupation in Gaza,” Hamas official Osama Hamdan said.\n'), []);
      assert.deepEqual(quoteKinds('# Gaza\n\n"The color of the defense program will not change," Hamas official Osama Hamdan said.\n'), []);
      assert.deepEqual(quoteKinds('# Gaza\n\n"We will not accept any deal that keeps the occupation in [the Gaza Strip]," Hamas official Osama Hamdan said.\n'), []);
      assert.deepEqual(quoteKinds('# Gaza\n\n"We will not accept any deal ... in Gaza," Hamas official Osama Hamdan said.\n'), []);
    });

    it('reads a possessive s\' as \'s, the country by any of its names, and an editor\'s parenthesis as the word it replaced', () => {
      const text = `Hamas’s leaders rejected the plan; "the (Israeli) enemy is equipped with the most advanced resources, and the United States stands behind it," Hamas official Osama Hamdan said.`;
      const mine = `"Hamas' leaders rejected the plan," and "the Zionist enemy is equipped with the most advanced resources, and America stands behind it," he said.`;
      const theirs = (from: string, to: string) => wordsWithOffsets(text, text.indexOf(from), text.indexOf(to) + to.length, true);
      const ours = (from: string, to: string) => [wordsWithOffsets(mine, mine.indexOf(from), mine.indexOf(to) + to.length)];
      assert.ok(sameContent(ours("Hamas'", 'plan'), theirs('Hamas’s', 'plan')));
      assert.ok(sameContent(ours('the Zionist', 'behind it'), theirs('the (Israeli)', 'behind it')));
      assert.ok(!sameContent(ours('the Zionist', 'behind it'), wordsWithOffsets(text, text.indexOf('the (Israeli)'), text.indexOf('behind it') + 9)));
      const r = align(ours('the Zionist', 'behind it')[0], theirs('the (Israeli)', 'behind it'));
      assert.equal(r?.distance, 1, 'the only edit is the article "the" before the United States');
    });

    it('flags a change of content words from the same speaker', () => {
      assert.deepEqual(quoteKinds('# Gaza\n\n"We will accept any deal that keeps the occupation in Gaza," Hamas official Osama Hamdan said.\n'), ['misquote']);
    });

    it('a quote that differs in many content words is another rendering, not a misquote', () => {
      assert.deepEqual(quoteKinds('# Gaza\n\n"We will not accept any accord that preserves the occupiers inside Gaza," Hamas official Osama Hamdan said.\n'), []);
    });

    it('a third translation of a remark the sources word two ways is not a misquote', () => {
      const text =
        '# Halevi\n\n"Your military boots will enter enemy territory, enter the villages Hezbollah has prepared as huge military outposts, with staging points and launch pads into our territory," Israel\'s military commander Herzi Halevi told troops.\n';
      assert.deepEqual(quoteKinds(text), []);
    });
  });

  describe('apostrophes', () => {
    it('an apostrophe inside a word, or a possessive s’ before the quote closes, never ends a quote', () => {
      const quotes = (t: string) => quotesOf(t).map((q) => q.text);
      assert.deepEqual(quotes('Singh said ‘the military has no role in Israel’s operations’ on Wednesday.'), ['the military has no role in Israel’s operations']);
      assert.deepEqual(quotes('He said ‘Hamas’ leaders rejected the plan’ on Monday.'), ['Hamas’ leaders rejected the plan']);
      assert.deepEqual(quotes('Officials called them ‘limited’ and ‘targeted’ strikes.'), ['limited', 'targeted']);
      assert.deepEqual(quotes('He spoke of ‘the leaders of Hamas’ in Gaza.'), ['the leaders of Hamas']);
    });
  });

  describe('speakers', () => {
    it('the same words from another named person are a misattributed quote, with the source speaker as the fix', () => {
      const text = dated('2024-09-25', '# US distances itself\n\nPentagon spokesman John Kirby said the U.S. military was "not involved in Israel\'s operations."\n');
      const r = checkArticle(text, { format: 'markdown', corpus });
      const f = r.findings.find((x) => x.kind === 'misattributed-quote');
      assert.ok(f, JSON.stringify(r.findings));
      assert.equal(f.tier, 'same-time');
      assert.match(f.message, /"Pentagon says US not involved in Israel's…", 25 Sep 2024 gives these words to Sabrina Singh, not John Kirby/);
      assert.deepEqual(f.replacement && text.slice(f.replacement.start, f.replacement.end), 'Pentagon spokesman John Kirby');
      assert.equal(f.replacement?.text, 'Pentagon spokesperson Sabrina Singh');
      // Singh's passage does not corroborate Kirby's quote.
      assert.ok(!r.support.flat().some((s) => s.sourceId === 'news/sep25.md' && s.reasons.includes('quote')));
    });

    it('the same words from the same speaker, or an unattributed quote, corroborate', () => {
      const same = dated('2024-09-25', '# US\n\n"When it comes to Lebanon, the U.S. military has no involvement in Israel\'s operations," Pentagon spokesperson Sabrina Singh said.\n');
      const r = checkArticle(same, { format: 'markdown', corpus });
      assert.deepEqual(r.findings.map((f) => f.kind), []);
      assert.ok(r.support.flat().some((s) => s.reasons.includes('quote')));
      const bare = dated('2024-09-25', '# US\n\nThe Pentagon insisted: "When it comes to Lebanon, the U.S. military has no involvement in Israel\'s operations."\n');
      assert.deepEqual(checkArticle(bare, { format: 'markdown', corpus }).findings.map((f) => f.kind), []);
    });
  });

  describe('titles over time', () => {
    const text = (date?: string) => {
      const body = '# Biden in Lebanon talks\n\nVice President Joe Biden spoke with Israeli Prime Minister Benjamin Netanyahu about the fighting in Lebanon.\n';
      return date ? dated(date, body) : body;
    };
    it('a title from sources of the same time conflicts; from sources years away it does not; undated, it is information', () => {
      assert.deepEqual(kindsAndTiers(check(text('2024-09-26'))), ['title-conflict/same-time']);
      assert.deepEqual(kindsAndTiers(check(text('2016-03-09'))), []);
      assert.deepEqual(kindsAndTiers(check(text())), ['title-conflict/time']);
    });
  });

  describe('the registry of finding kinds', () => {
    it('names every kind once, with a label, a fix title and a severity per tier', () => {
      assert.deepEqual(FINDING_KINDS.map((k) => k.kind).sort(), ['contradicted-figure', 'disputed-figure', 'misattributed-quote', 'misquote', 'title-conflict']);
      for (const k of FINDING_KINDS) {
        assert.ok(k.label && k.rule && k.fixTitle('x').includes('"x"'));
        assert.ok(k.severity['same-time'] && k.severity.time);
      }
    });

    it('applies overrides by kind and tier, and the old single severity to warnings only', () => {
      assert.equal(severityOf('title-conflict', 'time'), 'information');
      assert.equal(severityOf('title-conflict', 'same-time', { warning: 'error' }), 'error');
      assert.equal(severityOf('title-conflict', 'time', { warning: 'error' }), 'information');
      assert.equal(severityOf('title-conflict', 'time', { byKind: { 'title-conflict/time': 'hint' } }), 'hint');
      assert.equal(severityOf('misquote', 'same-time', { byKind: { misquote: 'error' }, warning: 'hint' }), 'error');
      assert.ok(isSeverityKey('misattributed-quote/same-time') && !isSeverityKey('misquote/later') && !isSeverityKey('typo'));
    });

    it('reports an unknown kind in the workspace ignore file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimlens-ign-'));
      writeFileSync(join(dir, '.claimlens-ignore.json'), JSON.stringify({ ignore: [{ kind: 'misqoute', text: 'x' }] }));
      const ignores = new WorkspaceIgnores();
      ignores.entriesFor(dir, undefined);
      assert.match(ignores.problems.join('\n'), /unknown finding kind "misqoute" \(known: contradicted-figure, /);
    });
  });

  describe('the CLI', () => {
    const root = join(__dirname, '..', '..');
    const cli = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-warn-cli-'));
    const article = join(dir, 'toll.md');
    writeFileSync(article, TOLL('140'));
    const sources = join(dir, 'news');
    mkdirSync(sources);
    writeFileSync(join(sources, 'oct7.md'), OCT7);
    const findings = (args: string[]) => JSON.parse(cli(['--json', '--no-seeds', '--no-cache', '--sources', sources, ...args, article]).stdout)[0].findings;

    it('takes the article date with --date and gives each finding its severity and tier', () => {
      assert.deepEqual(findings([]).map((f: { severity: string; tier: string }) => [f.severity, f.tier]), [['information', 'time']]);
      assert.deepEqual(findings(['--date', '2024-10-07']).map((f: { severity: string; tier: string }) => [f.severity, f.tier]), [['warning', 'same-time']]);
      const bad = cli(['--date', 'yesterday', article]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--date needs a date such as 2024-10-07, not "yesterday"/);
    });

    it('sets the severity of a kind or a tier with --severity', () => {
      assert.deepEqual(findings(['--severity', 'contradicted-figure/time=hint']).map((f: { severity: string }) => f.severity), ['hint']);
      assert.deepEqual(findings(['--severity=contradicted-figure=error']).map((f: { severity: string }) => f.severity), ['error']);
      const bad = cli(['--severity', 'typo=error', article]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--severity needs KIND\[\/TIER\]=LEVEL/);
    });
  });
});
