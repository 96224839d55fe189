import { readdirSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/**
 * CPU time, for benchmarks on a shared machine where wall-clock figures are inflated by other work:
 * this Node process plus the PostgreSQL server that serves it (its postmaster's live children; read
 * from Linux /proc, so 0 elsewhere; short-lived parallel workers are not counted).
 */
export class CpuMeter {
  private constructor(private readonly postmasterPid: number | null) {}

  static async attach(dataSource: DataSource): Promise<CpuMeter> {
    const [{ pid }] = await dataSource.query('SELECT pg_backend_pid() AS pid');
    return new CpuMeter(statOf(pid)?.ppid ?? null);
  }

  /** Seconds of CPU (user + system) so far. */
  read(): { node: number; postgres: number } {
    const own = process.cpuUsage();
    let postgres = 0;
    if (this.postmasterPid !== null) {
      for (const entry of safeReaddir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const stat = statOf(Number(entry));
        if (stat && (stat.ppid === this.postmasterPid || Number(entry) === this.postmasterPid)) postgres += stat.cpu;
      }
    }
    return { node: (own.user + own.system) / 1e6, postgres };
  }
}

const TICKS_PER_SECOND = 100;

function statOf(pid: number): { ppid: number; cpu: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at "state".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** "12.3 ms CPU (Node 4.1 + PostgreSQL 8.2) per <unit>" between two readings. */
export function cpuPer(before: { node: number; postgres: number }, after: { node: number; postgres: number }, count: number, unit: string): string {
  const node = ((after.node - before.node) * 1000) / count;
  const postgres = ((after.postgres - before.postgres) * 1000) / count;
  return `${(node + postgres).toFixed(1)} ms CPU per ${unit} (Node ${node.toFixed(1)} + PostgreSQL ${postgres.toFixed(1)})`;
}
