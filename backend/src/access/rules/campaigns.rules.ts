import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * Crackdown campaigns (issue 5 §3): supervisors create and update campaigns in their jurisdiction
 * subtree and adjust the records tagged to them (`update`); officers there read them. NGO
 * caseworkers, laboratories and administrators: none (a campaign's page lists police files,
 * sightings and rescues).
 */
export const campaignRules: RuleSet = ({ can }, actor) => {
  const scope = { jurisdictionPath: inSubtreeOf(actor) };
  if (actor.role === 'supervisor') can(['read', 'create', 'update'], 'Campaign', scope);
  if (actor.role === 'officer') can('read', 'Campaign', scope);
};
