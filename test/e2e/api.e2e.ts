// The extension-API suite: VS Code runs test/e2e/suite inside its real
// extension host, with the extension loaded from this folder in development
// mode; the suite's exit code arrives through the smoke-test driver.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, ROOT, VSCode } from './codeServer';

const EXIT_TIMEOUT_MS = 150000;

describe('end to end: extension API suite in a real VS Code', function () {
  this.timeout(EXIT_TIMEOUT_MS + 30000);

  it('passes inside the extension host', async () => {
    const workspace = makeWorkspace(['lebanon-followup.txt', 'acme-layoffs.txt', 'gaza-paraphrase.md', 'council-roads.md']);
    const report = join(workspace, '..', `${workspace.split('/').pop()}-report.txt`);
    const options = {
      workspace,
      developmentPath: ROOT,
      testsPath: join(ROOT, 'out', 'e2e', 'index.js'),
      env: { CLAIMLENS_E2E_REPORT: report },
    };
    const vscode = await VSCode.start(options);
    let timer: NodeJS.Timeout | undefined;
    try {
      const exit = new Promise<number>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the extension tests did not finish within ${EXIT_TIMEOUT_MS / 1000} s`)), EXIT_TIMEOUT_MS);
        vscode.open(options, resolve).catch(reject);
      });
      const code = await exit.catch((e: Error) => {
        process.stdout.write(vscode.logs());
        throw e;
      });
      const results = existsSync(report) ? readFileSync(report, 'utf8') : '(no report was written)';
      process.stdout.write(`\n    inside VS Code:\n${results.replace(/^/gm, '    ')}\n`);
      if (code !== 0) process.stdout.write(vscode.logs());
      assert.equal(code, 0, `the extension tests exited with ${code}`);
    } finally {
      clearTimeout(timer);
      await vscode.close();
    }
  });
});
