// What is wrong with a source folder's metadata reaches the editor as other
// skipped sources do: one window message per problem, and checks go on.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, uriOf } from './lsp';

describe('protocol: source metadata problems', () => {
  it('shows a sidecar entry that names no file as one warning, and still reads the folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'claimlens-meta-'));
    mkdirSync(join(root, 'desk'));
    writeFileSync(join(root, 'desk', 'storm.txt'), 'Storm sinks boats\nThe storm sank 14 fishing boats in Port Azure on Tuesday, the harbour master said.\n');
    writeFileSync(join(root, 'desk', 'claimlens-sources.json'), JSON.stringify({ sources: { 'storm.txt': { outlet: 'Gazette' }, 'strom.txt': { outlet: 'Gazette' } } }));
    const client = await LspClient.start({ root, settings: { sources: ['desk'] } });
    try {
      const warning = client.waitForNotification('window/showMessage', (p) => /claimlens-sources\.json: "strom\.txt" names no file in .*desk \(a misspelt file name\?\); its metadata is not used/.test((p as { message: string }).message));
      const article = 'The storm sank 14 fishing boats in Port Azure on Tuesday.\n';
      await client.open(uriOf(join(root, 'draft.txt')), article);
      await warning;
      const warnings = client.notifications.filter((n) => n.method === 'window/showMessage' && /names no file/.test((n.params as { message: string }).message));
      assert.equal(warnings.length, 1);
    } finally {
      await client.stop();
    }
  });
});
