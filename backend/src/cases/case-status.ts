import type { CaseStatus } from './case.entity';

/**
 * The lifecycle of a missing-child file: open → sighted → located → rescued → reunited, or closed
 * with a reason from any state that is not final. `reunited` and `closed` are final.
 *
 * Two ways to move:
 * - by hand (PATCH /cases/:id/status): one step forward, or to `closed`;
 * - driven by an event elsewhere (a sighting linked, a DNA match confirmed, a rescue, a reunion):
 *   forward to the event's state, jumping over intermediate states (open → located on a DNA match).
 *   An event that would move the file back (a sighting linked to a file already located) changes
 *   nothing.
 */
export const LIFECYCLE: readonly CaseStatus[] = ['open', 'sighted', 'located', 'rescued', 'reunited'];
export const FINAL_STATUSES: readonly CaseStatus[] = ['reunited', 'closed'];

/** What drives an event-driven advance, and the state it leads to. */
export const CASE_EVENT_TARGETS = {
  sighting_linked: 'sighted',
  dna_confirmed: 'located',
  rescued: 'rescued',
  reunited: 'reunited',
} as const satisfies Record<string, CaseStatus>;
export type CaseAdvanceEvent = keyof typeof CASE_EVENT_TARGETS;

export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

function rank(status: CaseStatus): number {
  return LIFECYCLE.indexOf(status);
}

/**
 * The states a person may move a file to by hand from `from`. Never `reunited`: only a reunion logged
 * with evidence (a confirmed DNA match or a supervisor's sign-off) moves a file there — the
 * verification gate of the reunions module.
 */
export function allowedTransitions(from: CaseStatus): CaseStatus[] {
  if (isFinal(from)) return [];
  const next = LIFECYCLE[rank(from) + 1];
  return next && next !== 'reunited' ? [next, 'closed'] : ['closed'];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export type AdvanceDecision =
  | { kind: 'advance'; to: CaseStatus }
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string };

/** The effect of an event on a file in state `from`. */
export function decideAdvance(from: CaseStatus, to: CaseStatus): AdvanceDecision {
  if (to === 'closed' || !LIFECYCLE.includes(to)) return { kind: 'refused', reason: `an event cannot move a file to ${to}` };
  if (from === 'closed') return { kind: 'refused', reason: 'the file is closed; reopen it by creating a new file or ask a supervisor' };
  if (rank(to) <= rank(from)) return { kind: 'unchanged' };
  return { kind: 'advance', to };
}

/** The milestone times a move to `to` sets on a file that does not have them yet (for statistics). */
export function milestonesReached(
  file: { foundAt: Date | null; reunitedAt: Date | null; closedAt: Date | null },
  to: CaseStatus,
  now: Date,
): Partial<Record<'foundAt' | 'reunitedAt' | 'closedAt', Date>> {
  const reached: Partial<Record<'foundAt' | 'reunitedAt' | 'closedAt', Date>> = {};
  if (rank(to) >= rank('located') && !file.foundAt) reached.foundAt = now;
  if (to === 'reunited' && !file.reunitedAt) reached.reunitedAt = now;
  if (to === 'closed' && !file.closedAt) reached.closedAt = now;
  return reached;
}
