import { administrationRules } from './administration.rules';
import { casesRules } from './cases.rules';
import { dnaRules } from './dna.rules';
import { notificationRules } from './notifications.rules';
import type { RuleSet } from './rule-builder';
import { sightingRules } from './sightings.rules';

/** Every record family's rules. A new family adds its RuleSet here. */
export const RULE_SETS: RuleSet[] = [administrationRules, casesRules, dnaRules, sightingRules, notificationRules];
