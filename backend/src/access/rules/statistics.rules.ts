import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * Statistics (issue 5 §4): supervisors and officers, for their jurisdiction subtree.
 * NGO caseworkers, laboratories and administrators have none: the figures are built from police
 * files and sightings that an NGO or a laboratory may not see, and administrators see no case
 * content. Their home dashboards show their own lists instead (children in care and follow-ups due;
 * samples waiting and matches to review).
 */
export const statisticsRules: RuleSet = ({ can }, actor) => {
  if (actor.role !== 'supervisor' && actor.role !== 'officer') return;
  can('read', 'Statistics', { jurisdictionPath: inSubtreeOf(actor) });
};
