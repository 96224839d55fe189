import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * Sightings: police of the place where the child was seen (that jurisdiction and above) read and
 * triage them; any officer may log one. NGO staff, laboratories and administrators see none: reports
 * can name informants.
 */
export const sightingRules: RuleSet = ({ can }, actor) => {
  if (actor.role !== 'officer' && actor.role !== 'supervisor') return;
  can('create', 'Sighting');
  can(['read', 'triage'], 'Sighting', { jurisdictionPath: inSubtreeOf(actor) });
};
