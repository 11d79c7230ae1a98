// Debian's Vim 9 with ALE 3.3 (vim-ale), headless, with the README's own ALE
// block as its vimrc: ALE sends diagnostics back to code actions without
// `data`, has no code lenses and answers no workspace/configuration, so this
// is the plainest client the server serves.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorHome, ensureDebianPackages, readmeBlock, removeEditorHome, runEditor, type EditorHome } from './tools';

interface Observed {
  error?: string;
  filetype: string;
  diagnostics: string[];
  hover: string[];
  menus: string[][];
  fixed: string;
  cited: string;
  symbols: string[];
}

describe('editors: Vim ALE with the README setup', function () {
  this.timeout(240000);
  let at: EditorHome;
  let seen: Observed;

  before(function () {
    ensureDebianPackages(['vim', 'vim-ale']);
    at = editorHome('ale');
    // What any vimrc has before a plugin's setup, then the README's block.
    writeFileSync(join(at.home, 'vimrc'), `set nocompatible\nfiletype plugin on\n${readmeBlock('Vim: ALE', 'vim')}`);
    seen = runEditor<Observed>(at, 'vim', ['-N', '-u', join(at.home, 'vimrc'), '-i', 'NONE', '-n', '--not-a-term', '-c', `source ${join(__dirname, 'ale-check.vim')}`, at.article]);
  });

  after(() => removeEditorHome(at));

  it('lists the labelled article\'s findings', () => {
    assert.equal(seen.filetype, 'text');
    assert.deepEqual([...seen.diagnostics].sort(), ['contradicted-figure', 'misquote', 'title-conflict']);
  });

  it('shows the hover in the preview window', () => {
    const text = seen.hover.join('\n');
    assert.match(text, /\*\*Disagreeing\*\* — 2 passages/);
    assert.ok(!/\\_/.test(text), text);
  });

  it('fixes a misquote although ALE sends the diagnostic back without data, and cites the archive', () => {
    assert.match(seen.fixed, /"seems counterproductive to the stated objectives\."$/);
    assert.ok(seen.menus[1].includes('1) Cite "Pentagon briefing on Lebanon" (line 3)'), seen.menus[1].join('\n'));
    assert.equal(seen.cited, 'The Pentagon said on Wednesday that the U.S. military had no part in Israel\'s operations in Lebanon ("Pentagon briefing on Lebanon").');
  });

  it('searches claims across the project', () => {
    assert.ok(seen.symbols.some((l) => l.startsWith(`${at.note}:3:`) && /Blinken/.test(l)), seen.symbols.join('\n'));
  });
});
