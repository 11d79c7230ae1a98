// Work-done progress over real LSP messages: indexing a workspace that takes
// more than a moment shows progress, and every progress that begins ends.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, ROOT } from './lsp';

describe('protocol: progress', () => {
  it('reports indexing progress for a large workspace and ends every progress it begins', async function () {
    // Indexing 400 articles takes seconds on a busy two-core machine: the bounds only turn a hang into a message.
    this.timeout(120_000);
    const ws = mkdtempSync(join(tmpdir(), 'claimlens-progress-'));
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(ws, `article-${i}.txt`), text.replace('140 people', `${i + 1} people`));
    const client = await LspClient.start({ root: ws });
    try {
      await client.waitForNotification('claimlens/status', (p) => (p as { articles: number; loading: boolean }).articles === 400 && !(p as { loading: boolean }).loading, 90_000);
      const created = client.requests.filter((r) => r.method === 'window/workDoneProgress/create').map((r) => (r.params as { token: string }).token);
      assert.ok(created.length >= 1, 'progress was created');
      for (const token of created) {
        const kinds = () => client.notifications.filter((n) => n.method === '$/progress' && (n.params as { token: string }).token === token).map((n) => (n.params as { value: { kind: string } }).value.kind);
        // The end may still be on its way when the status arrives.
        await client.waitForNotification('$/progress', (p) => (p as { token: string; value: { kind: string } }).token === token && (p as { value: { kind: string } }).value.kind === 'end');
        const k = kinds();
        assert.equal(k.filter((x) => x === 'end').length, 1, `${token}: ${k.join(' ')}`);
        if (k.includes('begin')) assert.equal(k.indexOf('begin'), 0, `${token}: ${k.join(' ')}`);
      }
      const titles = client.notifications.filter((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'begin').map((n) => (n.params as { value: { title: string } }).value.title);
      assert.ok(titles.includes('Claim Lens: indexing articles'), titles.join(', '));
    } finally {
      await client.stop();
    }
  });
});
