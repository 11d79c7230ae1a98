// One worker thread that analyses large documents for the server, so the
// main thread keeps answering hovers and other documents meanwhile. It is
// the bundled indexing worker (dist/indexer.js), started on first use; jobs
// run one after another. Without the bundle (running from sources) the
// analysis runs on the calling thread.

import { Worker } from 'node:worker_threads';
import { analyze } from './analysis/analyze.js';
import type { Analysis, Format } from './analysis/types.js';

export class AnalysisWorker {
  private worker?: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (a: Analysis) => void; reject: (e: Error) => void }>();

  constructor(private readonly script: string | undefined) {}

  analyze(text: string, format: Format): Promise<Analysis> {
    if (!this.script) return Promise.resolve(analyze(text, { format }));
    const worker = this.start(this.script);
    const id = this.next++;
    return new Promise<Analysis>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ analyze: { id, text, format } });
    });
  }

  private start(script: string): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(script);
    // An idle worker must not keep the process alive after `exit`.
    worker.unref();
    worker.on('message', (m: { id: number; analysis?: Analysis; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.analysis) w?.resolve(m.analysis);
      else w?.reject(new Error(m.error ?? 'analysis failed'));
    });
    // A worker that dies fails its jobs; the next job starts a new one.
    const fail = (e: Error) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the analysis worker stopped')));
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
