// The edit scheduler: an edit at an idle server is checked at once; edits
// that pile up while a check runs are checked together, as the latest version.

import assert from 'node:assert/strict';
import { EditScheduler } from '../../server/src/lsp/scheduler';

/** Resolves after the event loop has gone round a few times (setImmediate callbacks run, timers of 15 ms do not). */
const turns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('edit scheduler', () => {
  it('checks each edit at once when the client sends the next only after the last was checked', async () => {
    const checked: string[] = [];
    const s = new EditScheduler(async (uri) => void checked.push(uri));
    for (let i = 0; i < 20; i++) {
      s.schedule('a');
      await turns();
      // Not held back as a burst: a coalescing delay would leave it unchecked after a few turns of the loop.
      assert.equal(checked.length, i + 1, `edit ${i + 1} waited`);
    }
  });

  it('checks edits that pile up during a check together', async () => {
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    let runs = 0;
    const s = new EditScheduler(async () => {
      runs++;
      if (runs === 1) await running;
    });
    s.schedule('a');
    await turns();
    assert.equal(runs, 1);
    // A flood while the first check runs: the edits wait, and after it they are one more check.
    for (let i = 0; i < 50; i++) s.schedule('a');
    release();
    await new Promise<void>((r) => {
      const poll = () => (runs >= 2 ? r() : setImmediate(poll));
      poll();
    });
    await turns(10);
    assert.equal(runs, 2);
  });
});
