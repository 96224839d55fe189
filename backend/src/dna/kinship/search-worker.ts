import { Worker } from 'node:worker_threads';
import { type ScanResult, scanReferences } from './search-kernel';

/** One slice of a scan, as sent to a worker. The genotype matrix is shared, not copied. */
export interface ScanJob {
  genotypeBuffer: SharedArrayBuffer;
  lociCount: number;
  start: number;
  end: number;
  table: Float64Array;
  relationshipCount: number;
  k: number;
}

/*
 * The worker runs the kernel from source text (`eval: true`), so the same code works from compiled JS
 * in dist/, under ts-node/swc-node and under jest, without a separate worker file to resolve.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const scanReferences = ${scanReferences.toString()};
parentPort.on('message', (job) => {
  const genotypes = new Uint16Array(job.genotypeBuffer);
  const result = scanReferences(genotypes, job.lociCount, job.start, job.end, job.table, job.relationshipCount, job.k);
  parentPort.postMessage(result);
});
`;

/** A fixed set of worker threads; each takes one scan slice at a time. */
export class SearchWorkerPool {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: Array<(worker: Worker) => void> = [];

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref(); // an idle pool must not keep the process alive
      return worker;
    });
    this.idle = [...this.workers];
  }

  async scan(job: ScanJob): Promise<ScanResult> {
    const worker =
      this.idle.pop() ??
      (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    try {
      return await new Promise<ScanResult>((resolve, reject) => {
        const onError = (error: Error): void => {
          worker.off('message', onMessage);
          reject(error);
        };
        const onMessage = (result: ScanResult): void => {
          worker.off('error', onError);
          resolve(result);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.ref(); // keep the process alive while this job runs
        worker.postMessage(job);
      });
    } finally {
      worker.unref();
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
