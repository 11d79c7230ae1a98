// Copies the screenshots the README shows from the last end-to-end run
// (test-output/e2e/, written by ui.e2e.ts) into client/images/screenshots/,
// so the README shows what the current build draws:
//
//   npm run test:e2e && npm run screenshots

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../root';

/** Screenshot of the end-to-end run → the README's image of the same step. */
export const README_SHOTS: Record<string, string> = {
  '2-problems.png': 'problems.png',
  '3-hover-official.png': 'hover-official.png',
  '5-quick-fix-menu.png': 'quick-fix.png',
};

export const SHOTS_FROM = join(ROOT, 'test-output', 'e2e');
export const SHOTS_TO = join(ROOT, 'client', 'images', 'screenshots');

/** Copies every chosen screenshot, or none when one is missing (a failed or partial run). */
export function copyScreenshots(from = SHOTS_FROM, to = SHOTS_TO): string[] {
  const missing = Object.keys(README_SHOTS).filter((name) => !existsSync(join(from, name)));
  if (missing.length) throw new Error(`no ${missing.join(', ')} in ${from}: run npm run test:e2e first`);
  mkdirSync(to, { recursive: true });
  return Object.entries(README_SHOTS).map(([shot, image]) => {
    copyFileSync(join(from, shot), join(to, image));
    return join(to, image);
  });
}

if (require.main === module) {
  try {
    for (const path of copyScreenshots()) process.stdout.write(`${path}\n`);
  } catch (e) {
    process.stderr.write(`screenshots: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
