// The editing workflow over real LSP messages: each code action's edit is
// applied to the text and the resulting document asserted; ignores persist;
// workspace/symbol and the claims list cover unopened files.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, SymbolInformation, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const ARTICLES = join(ROOT, 'test', 'fixtures', 'articles');
/** How the seeds are named, from seeds/claimlens-sources.json and their first lines (001 has no headline or outlet of its own). */
const CNN_000 = 'CNN, "Washington encourages Israel to prevent…", 7 Oct 2024';
const COPY_001 = 'seeds/001_059e4d35e3c8ffef.txt (copy of CNN)';
const CNN_000_FOOTNOTE = 'CNN, "Washington encourages Israel to prevent escalation as hopes for a cease-fire diminish amid escalating conflict in Lebanon", 7 October 2024';

function apply(text: string, action: CodeAction, version: number): string {
  const changes = action.edit!.documentChanges as TextDocumentEdit[];
  assert.equal(changes.length, 1);
  assert.equal(changes[0].textDocument.version, version, 'the edit names the version it was computed for');
  return TextDocument.applyEdits(TextDocument.create('x', 'plaintext', version, text), changes[0].edits as TextEdit[]);
}

const whole = (text: string) => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

const rangeOf = (text: string, needle: string) => ({ start: positionOf(text, needle), end: positionOf(text, needle, needle.length) });

describe('protocol: code actions', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-ws-'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: workspace });
  });
  after(async () => client.stop());

  async function actionsFor(uri: string, text: string, needle: string, diagnostics: Diagnostic[]) {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(text, needle), context: { diagnostics } });
  }

  it('cites a passage as a Markdown footnote, numbering after existing footnotes, and reuses it', async () => {
    const text = [
      '# Lebanon',
      '',
      'Israel has faced pressure over its campaign.[^1] A plan by the US and France proposed a 21-day pause in the fighting.',
      '',
      'Officials said the US and France had proposed a 21-day pause.',
      '',
      '[^1]: An earlier note.',
      '',
    ].join('\n');
    const uri = uriOf(join(workspace, 'cite.md'));
    const d = await client.open(uri, text);
    const actions = await actionsFor(uri, text, 'A plan by the US', d.diagnostics);
    const cite = actions.find((a) => a.title.startsWith(`Cite ${CNN_000} (line `))!;
    assert.ok(cite, actions.map((a) => a.title).join('\n'));
    const once = apply(text, cite, 1);
    assert.equal(
      once,
      text
        .replace('in the fighting.', 'in the fighting.[^2]')
        .replace('[^1]: An earlier note.', `[^1]: An earlier note.\n[^2]: ${CNN_000_FOOTNOTE}`),
    );
    // Citing the same source from another claim reuses footnote 2.
    const d2 = await client.change(uri, [{ range: whole(text), text: once }]);
    const again = (await actionsFor(uri, once, 'Officials said', d2.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    const twice = apply(once, again, 2);
    assert.equal(twice, once.replace('proposed a 21-day pause.\n', 'proposed a 21-day pause.[^2]\n'));
    assert.equal(twice.match(/\[\^2\]:/g)!.length, 1);
    // Already cited: no second Cite for that passage on that claim.
    await client.change(uri, [{ range: whole(once), text: twice }]);
    const none = await actionsFor(uri, twice, 'Officials said', []);
    assert.ok(!none.some((a) => a.title.startsWith(`Cite ${CNN_000}`)));
  });

  it('starts a footnote block when the document has none', async () => {
    const text = 'Lebanon\n\nThe US and France proposed a 21-day pause in the fighting.';
    const uri = uriOf(join(workspace, 'first.md'));
    const d = await client.open(uri, text);
    const cite = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.equal(apply(text, cite, 1), `Lebanon\n\nThe US and France proposed a 21-day pause in the fighting.[^1]\n\n[^1]: ${CNN_000_FOOTNOTE}\n`);
  });

  it('cites inline in plain text, and in Pandoc style with configured keys, the bibliography\'s keys or a generated key', async () => {
    const text = 'Lebanon\nThe US and France proposed a 21-day pause in the fighting.\n';
    const uri = uriOf(join(workspace, 'inline.txt'));
    const d = await client.open(uri, text);
    const inline = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.equal(apply(text, inline, 1), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting (CNN, 7 Oct 2024).\n');
    const copy = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${COPY_001}`))!;
    assert.equal(apply(text, copy, 1), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting (source: seeds/001_059e4d35e3c8ffef.txt, copy of CNN).\n');

    const configure = async (citation: object) => {
      client.settings = { citation };
      await client.notify('workspace/didChangeConfiguration', { settings: {} });
    };
    await configure({ style: 'pandoc', keys: { '000_b5026f04b527744f': 'cnn2024' } });
    const pandoc = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.equal(apply(text, pandoc, 1), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting [@cnn2024].\n');

    // A BibTeX bibliography whose entry has the source's title gives the key.
    writeFileSync(join(workspace, 'library.bib'), '@article{cnn-ceasefire,\n  title = {Washington encourages Israel to prevent escalation as hopes for a cease-fire diminish amid escalating conflict in {Lebanon}},\n  journal = "CNN",\n  year = 2024\n}\n');
    await configure({ style: 'pandoc', bibliography: 'library.bib' });
    const fromBib = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.equal(apply(text, fromBib, 1), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting [@cnn-ceasefire].\n');

    // No key anywhere: a generated key, and its CSL JSON entry in a new references file, in one edit.
    await configure({ style: 'pandoc', references: 'refs/sources.json' });
    const generated = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.match(generated.title, /, adding cnn2024washington to sources\.json$/);
    const [create, refs, doc] = generated.edit!.documentChanges as [{ kind: string; uri: string }, TextDocumentEdit, TextDocumentEdit];
    const refsUri = uriOf(join(workspace, 'refs', 'sources.json'));
    assert.deepEqual(create, { kind: 'create', uri: refsUri, options: { ignoreIfExists: true } });
    assert.equal(refs.textDocument.uri, refsUri);
    const written = TextDocument.applyEdits(TextDocument.create(refsUri, 'json', 0, ''), refs.edits as TextEdit[]);
    assert.deepEqual(JSON.parse(written), [
      {
        id: 'cnn2024washington',
        type: 'article-newspaper',
        title: 'Washington encourages Israel to prevent escalation as hopes for a cease-fire diminish amid escalating conflict in Lebanon',
        'container-title': 'CNN',
        issued: { 'date-parts': [[2024, 10, 7]] },
      },
    ]);
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), doc.edits as TextEdit[]), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting [@cnn2024washington].\n');
    // Once the entry is in the references file, its key is reused and nothing more is written.
    mkdirSync(join(workspace, 'refs'), { recursive: true });
    writeFileSync(join(workspace, 'refs', 'sources.json'), written);
    const reused = (await actionsFor(uri, text, 'The US', d.diagnostics)).find((a) => a.title.startsWith(`Cite ${CNN_000}`))!;
    assert.equal(apply(text, reused, 1), 'Lebanon\nThe US and France proposed a 21-day pause in the fighting [@cnn2024washington].\n');
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
  });

  it('replaces a contradicted figure, a misquote and a wrong title with the source text', async () => {
    const text = readFileSync(join(ARTICLES, 'lebanon-followup.txt'), 'utf8');
    const uri = uriOf(join(workspace, 'followup.txt'));
    const d = await client.open(uri, text);
    const fix = async (code: string, needle: string) => {
      const diag = d.diagnostics.find((x) => x.code === code)!;
      const actions = await actionsFor(uri, text, needle, [diag]);
      const action = actions.find((a) => a.isPreferred)!;
      return [action.title, apply(text, action, 1)];
    };
    const [t1, figure] = await fix('contradicted-figure', '140 people');
    assert.equal(t1, 'Use the source\'s figure: "over 1,400"');
    assert.equal(figure, text.replace('killed 140 people', 'killed over 1,400 people'));
    const [t2, quote] = await fix('misquote', 'seems productive');
    assert.equal(t2, 'Use the source\'s wording: "seems counterproductive to the stated objectives"');
    assert.equal(quote, text.replace('"seems productive to the stated objectives."', '"seems counterproductive to the stated objectives."'));
    const [, title] = await fix('title-conflict', 'US Defense Secretary Yoav');
    assert.equal(title, text.replace('US Defense Secretary Yoav Gallant', 'Israeli Defense Minister Yoav Gallant'));
  });

  it('ignores a finding in the document with a marker line that persists across restarts', async () => {
    const text = readFileSync(join(ARTICLES, 'lebanon-followup.txt'), 'utf8');
    const path = join(workspace, 'ignore-doc.txt');
    const uri = uriOf(path);
    const d = await client.open(uri, text);
    const diag = d.diagnostics.find((x) => x.code === 'misquote')!;
    const ignore = (await actionsFor(uri, text, 'seems productive', [diag])).find((a) => a.title === 'Ignore this misquote in this document')!;
    const ignored = apply(text, ignore, 1);
    assert.equal(ignored, `${text}claimlens-ignore: misquote "seems productive to the stated objectives"\n`);
    const after = await client.change(uri, [{ range: whole(text), text: ignored }]);
    assert.deepEqual(after.diagnostics.map((x) => x.code).sort(), ['contradicted-figure', 'title-conflict']);
    // Saved and opened by a new server: still ignored.
    writeFileSync(path, ignored);
    const fresh = await LspClient.start({ root: workspace });
    try {
      const again = await fresh.open(uri, readFileSync(path, 'utf8'));
      assert.ok(!again.diagnostics.some((x) => x.code === 'misquote'));
    } finally {
      await fresh.stop();
    }
  });

  it('writes the Markdown marker as an HTML comment', async () => {
    const text = '# Talks\n\nUS Defense Secretary Yoav Gallant arrived on Monday.\n';
    const uri = uriOf(join(workspace, 'ignore.md'));
    const d = await client.open(uri, text);
    const ignore = (await actionsFor(uri, text, 'Yoav', d.diagnostics)).find((a) => a.title === 'Ignore this title conflict in this document')!;
    const ignored = apply(text, ignore, 1);
    assert.equal(ignored, `${text}<!-- claimlens-ignore: title-conflict "US Defense Secretary Yoav Gallant" -->\n`);
    assert.deepEqual((await client.change(uri, [{ range: whole(text), text: ignored }])).diagnostics, []);
  });

  it('ignores a finding in the workspace file, at once and for a new server', async () => {
    const text = readFileSync(join(ARTICLES, 'lebanon-followup.txt'), 'utf8');
    const uri = uriOf(join(workspace, 'ignore-ws.txt'));
    const d = await client.open(uri, text);
    const diag = d.diagnostics.find((x) => x.code === 'title-conflict')!;
    const action = (await actionsFor(uri, text, 'Yoav', [diag])).find((a) => a.title === 'Ignore this title conflict in the workspace')!;
    const cleared = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'title-conflict'));
    await client.request('workspace/executeCommand', action.command);
    await cleared;
    const file = JSON.parse(readFileSync(join(workspace, '.claimlens-ignore.json'), 'utf8'));
    assert.deepEqual(file, { ignore: [{ kind: 'title-conflict', text: 'US Defense Secretary Yoav Gallant', file: 'ignore-ws.txt' }] });
    const fresh = await LspClient.start({ root: workspace });
    try {
      const again = await fresh.open(uri, text);
      assert.ok(!again.diagnostics.some((x) => x.code === 'title-conflict'));
    } finally {
      await fresh.stop();
    }
  });
});

describe('protocol: workspace claim search', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-search-'));
  mkdirSync(join(workspace, 'drafts'));
  mkdirSync(join(workspace, 'node_modules', 'pkg'), { recursive: true });
  cpSync(join(ARTICLES, 'lebanon-followup.txt'), join(workspace, 'drafts', 'lebanon-followup.txt'));
  cpSync(join(ARTICLES, 'gaza-paraphrase.md'), join(workspace, 'gaza-paraphrase.md'));
  cpSync(join(ARTICLES, 'council-roads.md'), join(workspace, 'council-roads.md'));
  writeFileSync(join(workspace, 'node_modules', 'pkg', 'README.md'), 'Yoav Gallant should never be found here.\n');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: workspace });
    await client.waitForNotification('claimlens/status', (p) => (p as { articles: number; loading: boolean }).articles === 3 && !(p as { loading: boolean }).loading);
  });
  after(async () => client.stop());

  const search = (query: string) => client.request<SymbolInformation[]>('workspace/symbol', { query });

  it('finds officials in files that are not open, by name', async () => {
    const found = await search('Gallant');
    assert.deepEqual(found.filter((s) => s.kind === 19).map((s) => [s.name, s.containerName]), [['Yoav Gallant', 'drafts/lebanon-followup.txt']]);
    assert.ok(found.some((s) => s.kind === 15 && s.name.startsWith('US Defense Secretary Yoav Gallant')));
    assert.ok(!found.some((s) => s.location.uri.includes('node_modules')));
  });

  it('finds figures by number, with or without the separator', async () => {
    for (const q of ['1,400', '1400']) {
      const figures = (await search(q)).filter((s) => s.kind === 16).map((s) => s.name);
      assert.deepEqual(figures.sort(), ['1,400 potholes', 'more than 1,400 potholes'], q);
    }
  });

  it('finds claims by words, across spellings', async () => {
    const found = (await search('rafah crossing')).map((s) => s.containerName);
    assert.ok(found.includes('gaza-paraphrase.md'));
    assert.ok((await search('fullcourt')).length > 0);
  });

  it('lists every claim with its support state for the Search Claims command', async () => {
    const items = await client.request<{ file: string; state: string; officials: string[]; text: string }[]>('claimlens/claims', {});
    const contradicted = items.filter((i) => i.state === 'contradicted').map((i) => i.file);
    assert.deepEqual([...new Set(contradicted)], ['drafts/lebanon-followup.txt']);
    assert.ok(items.some((i) => i.state === 'corroborated' && i.file === 'gaza-paraphrase.md'));
    assert.ok(items.some((i) => i.state === 'no source' && i.file === 'council-roads.md'));
    assert.ok(items.some((i) => i.officials.includes('John Kirby')));
  });

  it('follows files created and edited on disk', async () => {
    const path = join(workspace, 'new-article.md');
    const seen = client.waitForNotification('claimlens/status', (p) => (p as { articles: number }).articles === 4);
    writeFileSync(path, '# Harbor\n\nHarbor Master Ines Alvarez said 12 ships were stranded.\n');
    await seen;
    assert.deepEqual((await search('Alvarez')).map((s) => s.name), ['Ines Alvarez', 'Harbor Master Ines Alvarez said 12 ships were stranded.']);
  });

  it('uses the open editor text over the file on disk', async () => {
    const uri = uriOf(join(workspace, 'council-roads.md'));
    await client.open(uri, '# Roads\n\nMayor Diane Holloway said 77 bridges need repair.\n');
    assert.deepEqual((await search('77 bridges')).map((s) => s.name), ['77 bridges', 'Mayor Diane Holloway said 77 bridges need repair.']);
  });
});
