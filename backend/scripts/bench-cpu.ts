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

  /** Seconds of CPU (user + system) so far: this process, and each PostgreSQL process by pid. */
  read(): CpuReading {
    const own = process.cpuUsage();
    const postgres = new Map<number, number>();
    if (this.postmasterPid !== null) {
      for (const entry of safeReaddir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        const stat = statOf(pid);
        if (stat && (stat.ppid === this.postmasterPid || pid === this.postmasterPid)) postgres.set(pid, stat.cpu);
      }
    }
    return { node: (own.user + own.system) / 1e6, postgres, machine: machineTicks() };
  }
}

export interface CpuReading {
  node: number;
  postgres: Map<number, number>;
  /** The whole machine's CPU ticks so far, and those a hypervisor gave to other machines (steal). */
  machine: { total: number; steal: number };
}

/** From the first line of /proc/stat (user nice system idle iowait irq softirq steal …); zeros elsewhere. */
function machineTicks(): { total: number; steal: number } {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
  } catch {
    return { total: 0, steal: 0 };
  }
}

/**
 * "12 % of the machine's CPU time went to other machines (steal)": on a shared virtual machine the
 * figures of a run with much steal are slower than the same code on the same machine at another hour.
 */
export function stealShare(before: CpuReading, after: CpuReading): string {
  const total = after.machine.total - before.machine.total;
  const steal = after.machine.steal - before.machine.steal;
  return `${total > 0 ? Math.round((100 * steal) / total) : 0} % of the machine's CPU time went to other machines (hypervisor steal)`;
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

/**
 * "12.3 ms CPU per <unit> (Node 4.1 + PostgreSQL 8.2)" between two readings. PostgreSQL is summed
 * per process (a connection opened in between counts in full; one closed in between is missed).
 */
export function cpuPer(before: CpuReading, after: CpuReading, count: number, unit: string): string {
  let postgresSeconds = 0;
  for (const [pid, cpu] of after.postgres) postgresSeconds += cpu - (before.postgres.get(pid) ?? 0);
  const node = ((after.node - before.node) * 1000) / count;
  const postgres = (postgresSeconds * 1000) / count;
  return `${(node + postgres).toFixed(1)} ms CPU per ${unit} (Node ${node.toFixed(1)} + PostgreSQL ${postgres.toFixed(1)})`;
}
