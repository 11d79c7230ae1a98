// Runs inside VS Code's real extension host (extensionTestsPath): mocha over
// the compiled suite, with results written to CLAIMLENS_E2E_REPORT so the
// driver can print them. Resolving means every test passed.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const report = process.env.CLAIMLENS_E2E_REPORT;
      if (report) writeFileSync(report, lines.join('\n') + `\n${failures} failing\n`);
      if (failures) reject(new Error(`${failures} extension tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => lines.push(`  ✔ ${t.fullTitle()}`));
    runner.on('fail', (t, err) => lines.push(`  ✖ ${t.fullTitle()}\n      ${String((err as Error)?.stack ?? err).split('\n').slice(0, 6).join('\n      ')}`));
  });
}
