import type { JurisdictionCounts, JurisdictionFiguresRow } from './types';

export interface RolledUpJurisdiction {
  row: JurisdictionFiguresRow;
  /** 0 for a root of the table, 1 for its children, ... */
  depth: number;
  /** The row's own counts plus those of every jurisdiction below it in the list. */
  totals: JurisdictionCounts;
}

const KEYS: (keyof JurisdictionCounts)[] = ['filesOpened', 'filesClosed', 'rescues', 'childrenRecovered', 'reunited', 'suspectsDetained'];

export function zeroCounts(): JurisdictionCounts {
  return { filesOpened: 0, filesClosed: 0, rescues: 0, childrenRecovered: 0, reunited: 0, suspectsDetained: 0 };
}

/**
 * Rolls own counts up the jurisdiction tree and returns the rows in table order: depth first, each
 * level sorted by code. A row whose parent is not in the list is a root.
 */
export function rollUpJurisdictions(rows: readonly JurisdictionFiguresRow[]): RolledUpJurisdiction[] {
  const byCode = new Map<string, JurisdictionFiguresRow>();
  for (const row of rows) {
    if (byCode.has(row.code)) throw new Error(`jurisdiction ${row.code} appears twice`);
    byCode.set(row.code, row);
  }
  const children = new Map<string | null, JurisdictionFiguresRow[]>();
  for (const row of rows) {
    const parent = row.parentCode !== null && byCode.has(row.parentCode) ? row.parentCode : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(row);
    children.set(parent, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.code.localeCompare(b.code));

  const out: RolledUpJurisdiction[] = [];
  const visiting = new Set<string>();
  const visit = (row: JurisdictionFiguresRow, depth: number): JurisdictionCounts => {
    if (visiting.has(row.code)) throw new Error(`jurisdiction tree has a cycle at ${row.code}`);
    visiting.add(row.code);
    const entry: RolledUpJurisdiction = { row, depth, totals: { ...row.own } };
    out.push(entry);
    for (const child of children.get(row.code) ?? []) {
      const sub = visit(child, depth + 1);
      for (const key of KEYS) entry.totals[key] += sub[key];
    }
    return entry.totals;
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  if (out.length !== rows.length) throw new Error('jurisdiction tree has a cycle (rows unreachable from any root)');
  return out;
}
