// Preparing many source files on several threads. Each worker gets a share
// of the files and posts results as it goes; the caller indexes them on the
// main thread (the search index is not shared between threads).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PrepareResult } from './prepare.js';

/** Fewer files than this are prepared faster without starting threads. */
export const WORKERS_FROM = 200;

export function workerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export async function prepareInWorkers(
  script: string,
  files: [string, string][],
  maxFileSize: number,
  onResult: (r: PrepareResult) => void,
): Promise<void> {
  const n = Math.min(workerCount(), Math.ceil(files.length / 50));
  const shares: [string, string][][] = Array.from({ length: n }, () => []);
  files.forEach((f, i) => shares[i % n].push(f));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script);
          worker.on('message', (m: PrepareResult | { done: true }) => {
            if ('done' in m) {
              void worker.terminate();
              resolve();
            } else onResult(m);
          });
          worker.on('error', reject);
          worker.postMessage({ files: share, maxFileSize });
        }),
    ),
  );
}
