/**
 * Peak memory for benchmarks: RSS sampled every 5 ms by a worker thread (RSS is process-wide, so the
 * sampler keeps running while the main thread is busy), and the kernel's high-water mark (VmHWM).
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** A worker that records the highest RSS it sees into shared memory. */
export function startSampler(): { peak: () => number; reset: () => void; stop: () => Promise<number> } {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const shared = new Float64Array(workerData);
     setInterval(() => { const rss = process.memoryUsage().rss; if (rss > shared[0]) shared[0] = rss; }, 5);`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    peak: () => Math.max(shared[0], process.memoryUsage().rss),
    reset: () => (shared[0] = process.memoryUsage().rss),
    stop: async () => worker.terminate(),
  };
}

export function highWaterMark(): string {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? `${(Number(line.replace(/\D+/g, '')) / 1024).toFixed(0)} MB` : 'n/a';
  } catch {
    return 'n/a';
  }
}
