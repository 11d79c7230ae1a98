// Debian's Emacs 28 with Eglot 1.9 (elpa-eglot), in batch, loads the README's
// own init.el block and visits a labelled article; eglot-check.el does what a
// user does and records what Eglot shows. Eglot has no code lenses: the claim
// hover stands in for them.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorHome, ensureDebianPackages, readmeBlock, removeEditorHome, runEditor, type EditorHome } from './tools';

interface Observed {
  error?: string;
  server: string;
  diagnostics: string[];
  hover: string;
  claimHover: string;
  menus: string[][];
  cited: string;
  fixed: string;
  symbols: [string, string][];
}

describe('editors: Emacs Eglot with the README setup', function () {
  this.timeout(240000);
  let at: EditorHome;
  let seen: Observed;

  before(function () {
    ensureDebianPackages(['emacs-nox', 'elpa-eglot']);
    at = editorHome('eglot');
    writeFileSync(join(at.home, 'init.el'), readmeBlock('Emacs: Eglot', 'elisp'));
    seen = runEditor<Observed>(at, 'emacs', ['--batch', '-l', join(at.home, 'init.el'), '--eval', "(require 'eglot)", at.article, '-l', join(__dirname, 'eglot-check.el')]);
  });

  after(() => removeEditorHome(at));

  it('shows the labelled article\'s findings through Flymake on their exact spans', () => {
    assert.equal(seen.server, 'claimlens-server');
    assert.deepEqual([...seen.diagnostics].sort(), ['140 people', 'US Defense Secretary Yoav Gallant', 'seems productive to the stated objectives']);
  });

  it('hovers as raw Markdown that reads well: no escapes inside words, link targets at the end', () => {
    assert.match(seen.hover, /\*\*Disagreeing\*\* — 2 passages/);
    assert.match(seen.hover, /✗ \[CNN, "Washington encourages Israel to prevent…", 7 Oct 2024\]\[1\]: "The ongoing violence/);
    assert.ok(!/\\_|""/.test(seen.hover), seen.hover);
  });

  it('shows a claim\'s corroboration on hover, the archive folder\'s passage included', () => {
    assert.match(seen.claimHover, /^\*\*Claim\*\*/);
    assert.match(seen.claimHover, /✓ \["Pentagon briefing on Lebanon"\]\[1\]: "Pentagon spokesperson Sabrina Singh/);
  });

  it('applies Cite and the source\'s wording from the code action menu', () => {
    assert.ok(seen.menus[0].includes('Cite "Pentagon briefing on Lebanon" (line 3)'), seen.menus[0].join('\n'));
    assert.equal(seen.cited, 'The Pentagon said on Wednesday that the U.S. military had no part in Israel\'s operations in Lebanon ("Pentagon briefing on Lebanon").');
    assert.match(seen.fixed, /escalating to an all-out war "seems counterproductive to the stated objectives\."$/);
  });

  it('searches claims across the project with xref-find-apropos', () => {
    assert.ok(seen.symbols.some(([text, file]) => /Blinken/.test(text) && file === at.note), JSON.stringify(seen.symbols));
  });
});
