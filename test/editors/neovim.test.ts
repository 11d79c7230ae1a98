// A real Neovim (Debian's, 0.7) runs headless with the README's own init.lua
// against claimlens-server --stdio: if the README's setup breaks, this fails.
// neovim-check.lua does what a user does and records what Neovim shows; the
// assertions are here. The blocks for newer Neovims cannot run on 0.7 and are
// only parsed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorHome, ensureDebianPackages, readmeBlock, removeEditorHome, runEditor, type EditorHome } from './tools';

interface Observed {
  error?: string;
  filetype: string;
  diagnostics: { code: string; severity: number; text: string; message: string }[];
  hover: string[];
  lenses: { line: number; title: string; command: string }[];
  menus: string[][];
  messages: string[];
  notifications: string[];
  cited: string;
  symbols: { file: string; lnum: number; text: string }[];
  clients: { name: string; root: string }[];
}

describe('editors: Neovim with the README setup', function () {
  this.timeout(240000);
  let at: EditorHome | undefined;
  let home: string;
  let project: string;
  let seen: Observed;

  before(function () {
    ensureDebianPackages(['neovim']);
    at = editorHome('nvim');
    ({ home, project } = at);
    writeFileSync(join(home, 'init.lua'), readmeBlock('Neovim 0.7', 'lua'));
    // Started from the home folder, not the project: the root must come from the marker.
    seen = runEditor<Observed>(at, 'nvim', ['--headless', '-u', join(home, 'init.lua'), '-i', 'NONE', '-n', at.article, '-c', `luafile ${join(__dirname, 'neovim-check.lua')}`]);
  });

  after(() => removeEditorHome(at));

  it('publishes the labelled article\'s findings on their exact spans', () => {
    assert.equal(seen.filetype, 'text');
    const spans = seen.diagnostics.map((d) => `${d.code}: ${d.text}`).sort();
    assert.deepEqual(spans, [
      'contradicted-figure: 140 people',
      'misquote: seems productive to the stated objectives',
      'title-conflict: US Defense Secretary Yoav Gallant',
    ]);
  });

  it('shows the figure\'s hover on K, readable as plain text', () => {
    const text = seen.hover.join('\n');
    assert.match(text, /140 people/);
    assert.match(text, /Disagreeing/);
    assert.match(text, /seeds\/000_b5026f04b527744f\.txt/);
    assert.ok(!/\\_/.test(text), text);
  });

  it('runs a code lens: the server shows the passages, the archive folder\'s among them', () => {
    const lens = seen.lenses.find((l) => l.line === 2)!;
    assert.equal(lens.title, '✓ 2 sources');
    assert.equal(lens.command, 'claimlens.showPassages');
    assert.deepEqual(seen.notifications, []);
    assert.match(seen.messages.join('\n'), /"Pentagon briefing on Lebanon", line 3: "Pentagon spokesperson Sabrina Singh told reporters on Wednesday/);
  });

  it('applies Cite from the code action menu', () => {
    const menu = seen.menus.find((m) => m.some((t) => t.startsWith('Cite')))!;
    assert.ok(menu.includes('Cite "Pentagon briefing on Lebanon" (line 3)'), menu.join('\n'));
    assert.equal(seen.cited, 'The Pentagon said on Wednesday that the U.S. military had no part in Israel\'s operations in Lebanon ("Pentagon briefing on Lebanon").');
  });

  it('searches claims across the project, files not open included', () => {
    assert.ok(seen.symbols.some((s) => s.file === join(project, 'notes', 'blinken.txt') && /Blinken/.test(s.text)), JSON.stringify(seen.symbols));
  });

  it('keeps one client for the project, rooted at its marker', () => {
    assert.deepEqual(seen.clients, [{ name: 'claimlens', root: project }]);
  });

  it('has README blocks for Neovim 0.10 and 0.11 that parse', () => {
    const blocks = [readmeBlock('Neovim 0.10', 'lua', 0), readmeBlock('Neovim 0.10', 'lua', 1)];
    const script = join(home, 'parse.lua');
    writeFileSync(script, blocks.map((b) => `assert(loadstring(${JSON.stringify(b)}))`).join('\n') + '\n');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`, '-c', 'qall!'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000 });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!/Error|assert/.test(run.stderr), run.stderr);
  });
});
