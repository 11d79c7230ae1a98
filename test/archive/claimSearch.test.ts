// Claim search (workspace/symbol and the Search Claims list) with
// claimlens.archive: the workspace's unopened articles are checked against
// the archive, as open documents are, so a claim a source of the archive
// supports is listed as corroborated by it.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { LspClient } from '../protocol/lsp';
import { ROOT } from '../root';
import { testServer } from './postgres';

const ARTICLE = 'Harbor cranes\nThe Elm Harbor terminal moved 48,000 containers in March, port director Dana Whitcombe said on Tuesday.\n';
const WIRE = 'Elm Harbor busy\nThe Elm Harbor terminal moved 48,000 containers in March, port director Dana Whitcombe told reporters.\n';

interface ClaimItem {
  file: string;
  text: string;
  state: string;
  sourceNames: string[];
}

describe('claim search against the archive', function () {
  this.timeout(180000);
  const root = mkdtempSync(join(tmpdir(), 'claimlens-claims-archive-'));
  const workspace = join(root, 'drafts');
  const wire = join(root, 'wire');
  const clients: LspClient[] = [];
  let url: string;

  before(async () => {
    mkdirSync(workspace);
    mkdirSync(wire);
    writeFileSync(join(workspace, 'cranes.txt'), ARTICLE);
    writeFileSync(join(wire, 'busy.txt'), WIRE);
    url = await (await testServer()).createDatabase('claims_archive');
    const pool = openPool(url);
    try {
      // The bundled seeds, as the server reads them, and the wire folder the local settings lack.
      await ingest(pool, url, [join(ROOT, 'seeds'), wire]);
    } finally {
      await pool.end();
    }
  });
  after(async () => {
    for (const c of clients) await c.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** A server on the workspace, once it has checked the unopened article. */
  const ready = async (settings: Record<string, unknown>) => {
    const c = await LspClient.start({ root: workspace, settings });
    clients.push(c);
    await c.waitForNotification('claimlens/status', (p) => (p as { articles: number; loading: boolean }).articles === 1 && !(p as { loading: boolean }).loading);
    return c;
  };

  it('lists the claims of unopened articles as the archive supports them, as local sources holding the same files would', async () => {
    const [local, withWire, shared] = await Promise.all([ready({}), ready({ sources: [wire] }), ready({ archive: url })]);
    const [a, b, c] = await Promise.all([local, withWire, shared].map((x) => x.request<ClaimItem[]>('claimlens/claims', {})));
    const moved = (items: ClaimItem[]) => items.find((i) => i.text.includes('48,000 containers'));
    assert.equal(moved(a)?.state, 'no source');
    assert.equal(moved(b)?.state, 'corroborated', JSON.stringify(b));
    assert.deepEqual(c, b);
    const query = { query: 'Whitcombe' };
    const [sb, sc] = await Promise.all([withWire.request<SymbolInformation[]>('workspace/symbol', query), shared.request<SymbolInformation[]>('workspace/symbol', query)]);
    assert.ok(sc.length > 0);
    assert.deepEqual(sc, sb);
    assert.ok(!shared.notifications.some((n) => n.method === 'window/showMessage'));
  });
});
