import { administrationRules } from './administration.rules';
import { casesRules } from './cases.rules';
import type { RuleSet } from './rule-builder';

/** Every record family's rules. A new family adds its RuleSet here. */
export const RULE_SETS: RuleSet[] = [administrationRules, casesRules];
