// An indexing worker: prepares the source files it is sent (read, analyse,
// passages) and posts the plain results back. Bundled as dist/indexer.js.
// The server also keeps one to analyse large documents off its main thread
// (an AnalyzeJob, answered with the Analysis).

import { parentPort } from 'node:worker_threads';
import { analyze } from '../analysis/analyze.js';
import type { Format } from '../analysis/types.js';
import { prepare } from './prepare.js';

export interface PrepareJob {
  files: [folder: string, path: string][];
  maxFileSize: number;
}

export interface AnalyzeJob {
  analyze: { id: number; text: string; format: Format };
}

parentPort?.on('message', (job: PrepareJob | AnalyzeJob) => {
  if ('analyze' in job) {
    const { id, text, format } = job.analyze;
    try {
      parentPort!.postMessage({ id, analysis: analyze(text, { format }) });
    } catch (e) {
      parentPort!.postMessage({ id, error: String((e as Error)?.message ?? e) });
    }
    return;
  }
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
