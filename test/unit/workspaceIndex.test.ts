// The workspace index attributes each article to the workspace folder that
// holds it, never to a folder whose name merely begins the same way.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../server/src/corpus/corpus';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';

describe('workspace index', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'claimlens-ws-'));
    for (const d of ['news', 'news2']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, 'a.md'), 'The council approved the budget on Tuesday.\n');
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('holds articles of its folders only, not of a sibling folder with a longer name', async () => {
    const options = { include: ['**/*.{txt,md}'], exclude: [], maxFileSize: 1 << 20 };
    const index = new WorkspaceIndex(async () => new Corpus(), options);
    await index.scan([join(root, 'news')], options);
    assert.equal(index.folderOf(join(root, 'news', 'a.md')), join(root, 'news'));
    assert.equal(index.folderOf(join(root, 'news2', 'a.md')), undefined);
    assert.equal(await index.update(join(root, 'news2', 'a.md')), false);
    assert.deepEqual(index.all().map((a) => a.path), [join(root, 'news', 'a.md')]);
  });
});
