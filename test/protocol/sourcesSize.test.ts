// claimlens.maxSourcesSize over real LSP messages: source folders larger than
// the total are read up to it, and the editor user is told once how many
// files were left out; a malformed value is one message and the default.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, uriOf } from './lsp';

const message = (p: unknown) => (p as { message: string }).message;

/** A workspace with a `desk` folder of three sources of about 120 bytes each. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'claimlens-total-'));
  mkdirSync(join(root, 'desk'));
  for (const [name, n] of [['a.txt', 14], ['b.txt', 15], ['c.txt', 16]] as const) {
    writeFileSync(join(root, 'desk', name), `Storm report ${n}\nThe storm sank ${n} fishing boats in Port Azure on Tuesday, the harbour master said.\n`);
  }
  return root;
}

describe('protocol: claimlens.maxSourcesSize', () => {
  it('reads sources up to the total and says once how many files were left out', async () => {
    const root = workspace();
    const client = await LspClient.start({ root, settings: { sources: ['desk'], useBundledSeeds: false, maxSourcesSize: 150 } });
    try {
      const leftOut = /^Claim Lens: Stopped reading sources at claimlens\.maxSourcesSize \(150 bytes\): the first file listed is used \(\d+ bytes\), the other 2 are not read$/;
      const warning = client.waitForNotification('window/showMessage', (p) => leftOut.test(message(p)));
      await client.open(uriOf(join(root, 'one.txt')), 'The storm sank 14 fishing boats in Port Azure on Tuesday.\n');
      await warning;
      const stats = await client.request<{ sources: number }>('claimlens/stats', {});
      assert.equal(stats.sources, 1);
      // A second article uses the same corpus: nothing more is said.
      await client.open(uriOf(join(root, 'two.txt')), 'The storm sank 15 fishing boats in Port Azure on Tuesday.\n');
      const said = client.notifications.filter((n) => n.method === 'window/showMessage' && /maxSourcesSize/.test(message(n.params)));
      assert.equal(said.length, 1, said.map((n) => message(n.params)).join('\n'));
    } finally {
      await client.stop();
    }
  });

  it('reads every source under the default, and a malformed value is one message and the default', async () => {
    const root = workspace();
    const client = await LspClient.start({ root, settings: { sources: ['desk'], useBundledSeeds: false, maxSourcesSize: '1 MB' } });
    try {
      const warning = client.waitForNotification('window/showMessage', (p) => message(p) === `Claim Lens: claimlens.maxSourcesSize must be a positive number of bytes; using the default ${256 * 1024 * 1024}`);
      await client.open(uriOf(join(root, 'one.txt')), 'The storm sank 14 fishing boats in Port Azure on Tuesday.\n');
      await warning;
      const stats = await client.request<{ sources: number }>('claimlens/stats', {});
      assert.equal(stats.sources, 3);
      // Every document reads the settings; the malformed value is said once all the same.
      await client.open(uriOf(join(root, 'two.txt')), 'The storm sank 15 fishing boats in Port Azure on Tuesday.\n');
      const malformed = client.notifications.filter((n) => n.method === 'window/showMessage' && /must be a positive number/.test(message(n.params)));
      assert.equal(malformed.length, 1, malformed.map((n) => message(n.params)).join('\n'));
      assert.ok(!client.notifications.some((n) => n.method === 'window/showMessage' && /Stopped reading sources/.test(message(n.params))));
    } finally {
      await client.stop();
    }
  });
});
