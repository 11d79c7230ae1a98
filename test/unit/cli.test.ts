// The `claimlens` bin as other tools call it: arguments, exit codes, JSON.

import assert from 'node:assert/strict';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { colorWanted } from '../../server/src/report';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BIN = join(ROOT, pkg.bin.claimlens);
const ARTICLES = join(ROOT, 'test', 'fixtures', 'articles');

// The colour settings of whoever runs the tests stay out of the CLI's output.
const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...ENV } = process.env;

const run = (args: string[], input?: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...ENV, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('claimlens CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-cli-'));

  it('prints the JSON contract, one object per file in the order given', () => {
    const files = [join(ARTICLES, 'storm-wrapped.txt'), join(ARTICLES, 'council-roads.md')];
    const r = run(['--json', ...files]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const reports = JSON.parse(r.stdout);
    assert.deepEqual(reports.map((x: { file: string }) => x.file), files);
    const [storm] = reports;
    assert.deepEqual(Object.keys(storm), ['file', 'figures', 'officials', 'quotes', 'claims', 'findings']);
    const text = readFileSync(files[0], 'utf8');
    for (const f of storm.figures) {
      assert.equal(text.slice(f.start, f.end), f.text);
      assert.ok(['low', 'high', 'counts'].every((k) => k in f));
    }
    const hochul = storm.officials.find((o: { text: string }) => o.text === 'Hochul');
    assert.deepEqual({ name: hochul.name, title: hochul.title }, { name: 'Kathy Hochul', title: 'Governor' });
    for (const c of storm.claims) assert.ok(Array.isArray(c.support));
  });

  it('prints a readable report with line and column', () => {
    const r = run([join(ARTICLES, 'storm-wrapped.txt')]);
    assert.match(r.stdout, /4:9 +at least 12 people +→ 12–13, deaths \(killing\)/);
    assert.match(r.stdout, /8:1 +Hochul → Kathy Hochul +Governor/);
  });

  it('reads standard input for -', () => {
    const r = run(['--json', '-'], 'Officials said 35 people were killed.');
    assert.equal(JSON.parse(r.stdout)[0].figures[0].text, '35 people');
  });

  it('resolves a surname from the bundled seeds, and not with --no-seeds', () => {
    const file = join(tmp, 'kirby.txt');
    writeFileSync(file, 'Kirby said the talks were at an advanced stage.\n');
    assert.equal(JSON.parse(run(['--json', file]).stdout)[0].officials[0].name, 'John Kirby');
    assert.deepEqual(JSON.parse(run(['--json', '--no-seeds', file]).stdout)[0].officials, []);
  });

  for (const [what, args, message] of [
    ['an unknown option', ['--frobnicate', 'x.txt'], /unknown option --frobnicate/],
    ['no files and nothing on standard input', ['--json'], /no files given and standard input is empty/],
    ['a missing file', ['no-such-file.txt'], /no-such-file\.txt: no such file/],
    ['a directory', [ARTICLES], /is a directory/],
    ['--sources without a value', ['--sources'], /needs a value/],
  ] as const) {
    it(`exits 2 with one line on stderr for ${what}`, () => {
      const r = run([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    });
  }

  it('exits 2 for a binary file and for invalid UTF-8', () => {
    const bin = join(tmp, 'image.txt');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    assert.match(run([bin]).stderr, /is a binary file/);
    const latin = join(tmp, 'latin1.txt');
    writeFileSync(latin, Buffer.from('caf\xe9 35 people', 'latin1'));
    const r = run([latin]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid UTF-8/);
  });

  it('warns about a missing --sources folder and goes on', () => {
    const r = run(['--json', '--sources', join(tmp, 'missing'), join(ARTICLES, 'storm-wrapped.txt')]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: Source folder .*missing does not exist/);
  });

  it('prints help and the version', () => {
    assert.match(run(['--help']).stdout, /Usage: claimlens/);
    assert.equal(run(['--version']).stdout.trim(), pkg.version);
  });
});

describe('claimlens CLI: standard input and limits', () => {
  it('reads standard input when no file is given and it is not a terminal', () => {
    const r = run(['--json'], 'Officials said 35 people were killed.');
    assert.equal(r.code, 0, r.stderr);
    const [report] = JSON.parse(r.stdout);
    assert.equal(report.file, '-');
    assert.equal(report.figures[0].text, '35 people');
  });

  it('names standard input with --stdin-filename, whose extension chooses Markdown', () => {
    const text = 'Intro.\n\n```\nOfficials said 35 people were killed.\n```\n\nThey said 40 people were hurt.\n';
    const figures = (name: string) => JSON.parse(run(['--json', '--stdin-filename', name], text).stdout)[0];
    const md = figures('drafts/a.md');
    assert.equal(md.file, 'drafts/a.md');
    // A Markdown code block is not prose; in plain text it is.
    assert.deepEqual(md.figures.map((f: { text: string }) => f.text), ['40 people']);
    assert.deepEqual(figures('a.txt').figures.map((f: { text: string }) => f.text), ['35 people', '40 people']);
  });

  it('holds standard input to --max-file-size, and names the limit', () => {
    const r = run(['--max-file-size', '1500'], 'Officials said 35 people were killed. '.repeat(100));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'claimlens: standard input is larger than --max-file-size (1,500 bytes)\n');
    assert.equal(r.stdout, '');
  });

  it('names the limit for a file that is too large', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-cli-'));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(2000));
    const r = run(['--max-file-size=1500', big]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `claimlens: ${big}: is larger than --max-file-size (1,500 bytes): 2,000 bytes\n`);
  });

  it('refuses to read standard input twice', () => {
    assert.match(run(['-', '-'], 'x').stderr, /standard input \(-\) can be read only once/);
  });
});

describe('claimlens CLI: sources it cannot use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-sources-'));
  const sources = join(dir, 'sources');
  mkdirSync(sources);
  writeFileSync(join(sources, 'good.txt'), 'State Department spokesperson Matthew Miller said the talks would go on.\n');
  writeFileSync(join(sources, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  writeFileSync(join(sources, 'latin1.md'), Buffer.from('caf\xe9 au lait', 'latin1'));
  writeFileSync(join(sources, 'huge.txt'), 'Miller said so. '.repeat(200));
  // A named pipe would block a reader forever; it is skipped as unreadable.
  spawnSync('mkfifo', [join(sources, 'pipe.txt')]);
  const article = join(dir, 'article.txt');
  writeFileSync(article, 'Miller said the talks were useful.\n');
  const args = ['--no-seeds', '--max-file-size', '1500', '--sources', sources, '--sources', sources + '/', article];

  it('reports every skipped source on stderr once, one line each, and still checks the article', () => {
    const r = run(args);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    const expected = [
      `claimlens: note: Skipped source ${join(sources, 'huge.txt')}: is larger than --max-file-size (1,500 bytes)`,
      `claimlens: note: Skipped source ${join(sources, 'image.txt')}: is a binary file, not text`,
      `claimlens: note: Skipped source ${join(sources, 'latin1.md')}: is not valid UTF-8 text`,
      `claimlens: note: Skipped source ${join(sources, 'pipe.txt')}: cannot be read`,
    ];
    assert.deepEqual(lines, expected);
    assert.match(r.stdout, /Miller → Matthew Miller/);
  });

  it('lists them beside the reports with --json=v2, and keeps --json an array', () => {
    const v2 = JSON.parse(run(['--json=v2', ...args]).stdout);
    assert.deepEqual(Object.keys(v2), ['version', 'reports', 'problems']);
    assert.equal(v2.version, 2);
    assert.equal(v2.reports[0].file, article);
    assert.deepEqual(
      v2.problems.map((p: { path: string; severity: string }) => [p.path, p.severity]),
      ['huge.txt', 'image.txt', 'latin1.md', 'pipe.txt'].map((f) => [join(sources, f), 'info']),
    );
    assert.deepEqual(JSON.parse(run(['--format', 'json-v2', ...args]).stdout), v2);
    const v1 = JSON.parse(run(['--json', ...args]).stdout);
    assert.ok(Array.isArray(v1));
    assert.deepEqual(v1, v2.reports);
  });

  it('takes a single file as --sources', () => {
    const r = run(['--json', '--no-seeds', '--sources', join(sources, 'good.txt'), article]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(r.stdout)[0].officials[0].name, 'Matthew Miller');
  });

  it('warns about a --sources file that is not an article', () => {
    const notes = join(dir, 'notes.json');
    writeFileSync(notes, '{}');
    const r = run(['--no-seeds', '--sources', notes, article]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `claimlens: warning: Source file ${notes} is not a .txt, .md, .markdown, .html or .htm file\n`);
  });
});

describe('claimlens CLI: formats for CI', () => {
  const lebanon = join(ARTICLES, 'lebanon-followup.txt');
  const clean = join(ARTICLES, 'storm-wrapped.txt');
  const findings = JSON.parse(run(['--json', lebanon]).stdout)[0].findings;

  it('has findings to report in the example article', () => assert.ok(findings.length >= 2));

  it('prints SARIF 2.1.0 that validates against its schema, one result per finding', () => {
    // The schema is draft-04, and one of its patterns is not valid as a Unicode regular expression.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')));
    const r = run(['--format', 'sarif', '--sources', join(tmpdir(), 'claimlens-no-such-folder'), lebanon]);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    const [run0] = log.runs;
    assert.equal(run0.results.length, findings.length);
    const text = readFileSync(lebanon, 'utf8');
    for (const [i, result] of run0.results.entries()) {
      assert.equal(result.ruleId, findings[i].kind);
      assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      const region = result.locations[0].physicalLocation.region;
      assert.equal(text.slice(region.charOffset, region.charOffset + region.charLength), region.snippet.text);
      assert.ok(result.relatedLocations[0].physicalLocation.artifactLocation.uri.startsWith('file://'));
    }
    assert.match(run0.invocations[0].toolExecutionNotifications[0].message.text, /does not exist/);
    // Without findings it still validates, and exits 0.
    const none = run(['--format', 'sarif', clean]);
    assert.equal(none.code, 0);
    assert.equal(validate(JSON.parse(none.stdout)), true, JSON.stringify(validate.errors));
  });

  it('prints GitHub annotations, one per finding, with file, line and columns', () => {
    const r = run(['--format', 'github', 'test/fixtures/articles/lebanon-followup.txt']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, findings.length);
    // Warnings as ::warning, information (a difference time could explain) as ::notice.
    for (const line of lines) assert.match(line, /^::(warning|notice) file=test\/fixtures\/articles\/lebanon-followup\.txt,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=claimlens [a-z-]+::\S/);
    assert.deepEqual(lines.map((l) => l.split(' ')[0]).sort(), ['::notice', '::notice', '::warning']);
    assert.equal(run(['--format=github', clean]).stdout, '');
    assert.equal(run(['--format=github', clean]).code, 0);
  });

  it('escapes what would end a workflow command early', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-gh-'));
    const odd = join(dir, 'a,b:c.txt');
    writeFileSync(odd, readFileSync(lebanon));
    const [first] = run(['--format', 'github', odd]).stdout.split('\n');
    assert.ok(first.includes('a%2Cb%3Ac.txt,line='), first);
  });

  it('refuses an unknown format', () => {
    const r = run(['--format', 'xml', clean]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown format xml/);
  });
});

describe('claimlens CLI: colour', () => {
  const clean = join(ARTICLES, 'storm-wrapped.txt');
  const ESC = '\u001b[';

  it('writes no colour codes into a pipe, with NO_COLOR, or for a dumb terminal', () => {
    assert.ok(!run([clean]).stdout.includes(ESC));
    assert.ok(!run([clean], undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!run([clean], undefined, { TERM: 'dumb' }).stdout.includes(ESC));
    assert.ok(run([clean], undefined, { FORCE_COLOR: '1' }).stdout.includes(ESC), 'FORCE_COLOR asks for colour in a pipe');
  });

  it('decides colour from the stream and the environment', () => {
    assert.equal(colorWanted({ isTTY: true }, {}), true);
    assert.equal(colorWanted({ isTTY: false }, {}), false);
    assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(colorWanted({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(colorWanted({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  });
});

describe('colour in the test logs', () => {
  const PREFIX = '[ -t 1 ] || export NO_COLOR=1; ';

  it('mocha colours a pipe under CI=true unless NO_COLOR is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-mocha-'));
    const spec = join(dir, 'one.spec.js');
    writeFileSync(spec, "it('passes', () => {});\n");
    const mocha = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--reporter', 'spec', spec], { encoding: 'utf8', env: { ...ENV, ...env } }).stdout;
    assert.ok(mocha({ CI: 'true' }).includes('\u001b['), 'the problem the scripts guard against');
    assert.ok(!mocha({ CI: 'true', NO_COLOR: '1' }).includes('\u001b['));
  });

  it('the unit and end-to-end scripts set NO_COLOR when their output is not a terminal', () => {
    for (const name of ['test:unit', 'test:e2e']) assert.ok(pkg.scripts[name].startsWith(PREFIX), name);
    const r = spawnSync('sh', ['-c', `${PREFIX}echo "[$NO_COLOR]"`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    assert.equal(r.stdout, '[1]\n');
  });
});
