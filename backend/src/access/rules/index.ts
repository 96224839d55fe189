import { administrationRules } from './administration.rules';
import { campaignRules } from './campaigns.rules';
import { casesRules } from './cases.rules';
import { dnaRules } from './dna.rules';
import { notificationRules } from './notifications.rules';
import { reportsRules } from './reports.rules';
import { rescuesRules } from './rescues.rules';
import type { RuleSet } from './rule-builder';
import { reunionRules } from './reunions.rules';
import { sightingRules } from './sightings.rules';
import { statisticsRules } from './statistics.rules';

/** Every record family's rules. A new family adds its RuleSet here. */
export const RULE_SETS: RuleSet[] = [administrationRules, casesRules, dnaRules, sightingRules, notificationRules, reportsRules, reunionRules, statisticsRules, campaignRules, rescuesRules];
