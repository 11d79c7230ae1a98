// The project folder, found from wherever the test code runs (its sources
// under test/, or a bundle under out/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'seeds'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no project folder above ${from}`);
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
