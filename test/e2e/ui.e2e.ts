// The UI suite: the packaged .vsix installed into a real VS Code and used
// the way a reader would — open an article from the Explorer, see the warning
// squiggle and the Problems entry, hover an official, see a code lens, cite a
// passage from the light bulb. A screenshot of every step goes to
// test-output/e2e/. Every wait is for a selector, never a fixed time.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeWorkspace, OUTPUT, ROOT, VSCode } from './codeServer';

const VSIX = join(ROOT, 'claimlens.vsix');
const WAIT = { timeout: 60000 };

describe('end to end: the packaged extension in the VS Code UI', function () {
  this.timeout(240000);
  let vscode: VSCode;
  let page: Page;
  let failed = false;
  const shot = (name: string) => page.screenshot({ path: join(OUTPUT, `${name}.png`) });

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    mkdirSync(OUTPUT, { recursive: true });
    const workspace = makeWorkspace(['lebanon-followup.txt', 'gaza-paraphrase.md']);
    const options = { workspace, vsix: VSIX };
    vscode = await VSCode.start(options);
    page = await vscode.open(options);
    await page.locator('.monaco-workbench').waitFor(WAIT);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async () => {
    if (failed) {
      await page?.screenshot({ path: join(OUTPUT, 'failure.png') }).catch(() => undefined);
      process.stdout.write(vscode.logs());
    }
    await vscode?.close();
  });

  it('opens an article from the Explorer and shows the warning squiggle', async () => {
    await page.getByRole('treeitem', { name: /lebanon-followup\.txt/ }).click(WAIT);
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'Pentagon distances itself' }).waitFor(WAIT);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor(WAIT);
    await shot('1-squiggle');
  });

  it('lists the findings in the Problems panel', async () => {
    // Focus the editor on its first line: a click in the middle of the view put the cursor on the last line, and the
    // editor, shrunk by the panel, sometimes scrolled it to the top, leaving the lines the next tests read out of view.
    await page.locator('.monaco-editor .view-line').filter({ hasText: 'Pentagon distances itself' }).first().click();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: /Figure differs: "140 people"/ });
    await row.waitFor(WAIT);
    await page.locator('.markers-panel .monaco-list-row').filter({ hasText: /Title conflict/ }).waitFor(WAIT);
    await page.locator('.markers-panel .monaco-list-row').filter({ hasText: /Misquote/ }).waitFor(WAIT);
    await shot('2-problems');
    await page.keyboard.press('Control+Shift+M');
  });

  it('hovers an official and reads the hover', async () => {
    const word = page.locator('.monaco-editor .view-line span span').filter({ hasText: /Sabrina/ }).first();
    await word.hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Sabrina Singh' });
    await hover.waitFor(WAIT);
    const text = await hover.innerText();
    assert.match(text, /Pentagon spokesperson/);
    assert.match(text, /In the sources/);
    await shot('3-hover-official');
    await page.keyboard.press('Escape');
  });

  it('shows a code lens above a corroborated claim', async () => {
    const lens = page.locator('.monaco-editor .codelens-decoration').filter({ hasText: /✓ 1 source/ }).first();
    await lens.waitFor(WAIT);
    await page.locator('.monaco-editor .codelens-decoration').filter({ hasText: /ℹ figure differs/ }).first().waitFor(WAIT);
    await shot('4-code-lens');
  });

  it('cites a passage with the quick fix from the light bulb', async () => {
    await page.locator('.monaco-editor .view-line span span').filter({ hasText: /When\s+it\s+comes\s+to\s+Lebanon/ }).first().click();
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: /Cite AFP, 25 Sep 2024/ }).first();
    await item.waitFor(WAIT);
    await shot('5-quick-fix-menu');
    await item.click();
    await page.locator('.monaco-editor .view-lines').filter({ hasText: '(AFP, 25 Sep 2024)' }).waitFor(WAIT);
    await shot('6-cited');
  });
});
