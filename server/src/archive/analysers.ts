// The ingest's worker threads, fed a few files at a time. The in-memory
// corpus hands each worker its whole share at once (corpus/workerPool.ts):
// there every result is kept anyway. An ingest writes its results away, and
// the database is often slower than the analysis; with no brake, results
// waiting for their batch piled up (1.5 GB at 10,000 files, linear in the
// folder). Here a worker takes its next few files only when the caller is
// ready for them, so memory stays a few batches' worth however many files
// an ingest reads.

import { Worker } from 'node:worker_threads';
import type { PrepareResult } from '../corpus/prepare.js';
import { workerCount } from '../corpus/workerPool.js';

/** Files per message to a worker: enough to keep the thread busy, few enough to stop soon. */
const CHUNK = 16;

/**
 * Prepares `files` on worker threads, `onResult` for each in the order its
 * worker finishes it. Before each chunk it awaits `ready()`, which holds the
 * workers back while the caller catches up, or throws to stop them.
 */
export async function prepareBounded(
  script: string,
  files: [string, string][],
  maxFileSize: number,
  onResult: (r: PrepareResult) => void,
  ready: () => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers: Worker[] = [];
  const run = async () => {
    const worker = new Worker(script);
    workers.push(worker);
    let finish: { resolve: () => void; reject: (e: unknown) => void } | undefined;
    worker.on('message', (m: PrepareResult | { done: true }) => {
      if ('done' in m) finish?.resolve();
      else onResult(m);
    });
    worker.on('error', (e) => finish?.reject(e));
    worker.on('exit', (code) => finish?.reject(new Error(`an analysis thread stopped (exit code ${code})`)));
    while (next < files.length) {
      await ready();
      if (next >= files.length) break;
      const chunk = files.slice(next, next + CHUNK);
      next += chunk.length;
      await new Promise<void>((resolve, reject) => {
        finish = { resolve, reject };
        worker.postMessage({ files: chunk, maxFileSize });
      });
    }
  };
  const n = Math.min(workerCount(), Math.ceil(files.length / CHUNK));
  try {
    await Promise.all(Array.from({ length: n }, run));
  } catch (e) {
    // The other workers take no more files.
    next = files.length;
    throw e;
  } finally {
    await Promise.all(workers.map((w) => (w.removeAllListeners('exit'), w.terminate())));
  }
}
