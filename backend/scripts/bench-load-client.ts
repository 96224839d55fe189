/**
 * autocannon in a process of its own, for the API benchmarks: in the server's process it would share the
 * server's event loop, and each request's time would include the load generator's own work (as a real
 * client on another machine's would not). Still on the same two cores as the server and PostgreSQL.
 *
 * Forked by `runLoadClient`; gets its options over IPC and answers with autocannon's result.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';

export interface LoadClientOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** Request paths, sent in turn. */
  paths: string[];
}

/** Runs autocannon in a child process (this file) and resolves with its result. */
export function runLoadClient(options: LoadClientOptions): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { stdio: 'inherit' });
    child.once('message', (result) => {
      resolve(result as autocannon.Result);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load client exited with code ${code} before it answered`)));
    child.send(options);
  });
}

if (require.main === module) {
  process.once('message', async (options: LoadClientOptions) => {
    let next = 0;
    const result = await autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      headers: options.headers,
      requests: [{ method: 'GET', setupRequest: (req: object) => ({ ...req, path: options.paths[next++ % options.paths.length] }) }],
    });
    process.send!(result);
  });
}
