import type { Actor } from '../actor';
import type { Action, Subject } from '../permissions';

/**
 * CASL's AbilityBuilder, typed for string subjects with conditions on fields that the rules name
 * (CASL's own types cannot infer fields from a string subject).
 */
export interface RuleBuilder {
  can(action: Action | Action[], subject: Subject | Subject[], conditions?: Record<string, unknown>): unknown;
  /** Only these fields of the subject (CASL field rules), e.g. a reduced view of a file. */
  can(action: Action | Action[], subject: Subject | Subject[], fields: string[], conditions?: Record<string, unknown>): unknown;
  cannot(action: Action | Action[], subject: Subject | Subject[], conditions?: Record<string, unknown>): unknown;
}

/**
 * Adds one record family's rules for an actor. Every family's rules live in ./rules. `now` is the
 * Clock's time when the abilities are built, for rules that expire (a file shared until a date).
 */
export type RuleSet = (builder: RuleBuilder, actor: Actor, now: Date) => void;

/**
 * A condition matching records in the actor's jurisdiction or below it. Written as an anchored
 * regular expression so that CASL evaluates it unchanged in the browser, and scope-query.ts turns it
 * into an indexed `LIKE 'prefix%'`. Paths hold only letters, digits and '/', so nothing needs escaping.
 */
export function inSubtreeOf(actor: Actor): { $regex: string } {
  return { $regex: `^${actor.jurisdictionPath}` };
}
