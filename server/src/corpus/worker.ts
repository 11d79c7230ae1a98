// An indexing worker: prepares the source files it is sent (read, analyse,
// passages) and posts the plain results back. Bundled as dist/indexer.js.

import { parentPort } from 'node:worker_threads';
import { prepare } from './prepare.js';

export interface PrepareJob {
  files: [folder: string, path: string][];
  maxFileSize: number;
}

parentPort?.on('message', (job: PrepareJob) => {
  for (const [folder, path] of job.files) {
    try {
      const r = prepare(folder, path, job.maxFileSize);
      // The body's bytes move to the main thread instead of being copied.
      parentPort!.postMessage(r, r.ok ? [r.prepared.blob.buffer as ArrayBuffer] : []);
    } catch (e) {
      // A source the engine cannot analyse is skipped, not fatal.
      parentPort!.postMessage({ ok: false, path, reason: 'unreadable', detail: String((e as Error)?.message ?? e) });
    }
  }
  parentPort!.postMessage({ done: true });
});
