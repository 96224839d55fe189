import { Foundation1764300000000 } from './1764300000000-foundation';
import { MfaPendingSecret1764300000001 } from './1764300000001-mfa-pending-secret';
import { CasesAttachments1764400000000 } from './1764400000000-cases-attachments';
import { SightingsAndNotifications1764600000000 } from './1764600000000-sightings-and-notifications';
import { SightingMatching1764610000000 } from './1764610000000-sighting-matching';
import { Dna1764650000000 } from './1764650000000-dna';
import { RescuesReunionsCampaigns1764700000000 } from './1764700000000-rescues-reunions-campaigns';
import { StatisticsCampaignTagging1764730000000 } from './1764730000000-statistics-campaign-tagging';
import { MatchingCoveringIndex1764750000000 } from './1764750000000-matching-covering-index';
import { StatisticsRollup1764800000000 } from './1764800000000-statistics-rollup';
import { CaseSearchTerms1764810000000 } from './1764810000000-case-search-terms';
import { CaseSearchNearTerms1764900000000 } from './1764900000000-case-search-near-terms';

/** Every migration in order. Listed explicitly so that the build needs no file globbing. */
export const MIGRATIONS = [Foundation1764300000000, MfaPendingSecret1764300000001, CasesAttachments1764400000000, SightingsAndNotifications1764600000000, SightingMatching1764610000000, Dna1764650000000, RescuesReunionsCampaigns1764700000000, StatisticsCampaignTagging1764730000000, MatchingCoveringIndex1764750000000, StatisticsRollup1764800000000, CaseSearchTerms1764810000000, CaseSearchNearTerms1764900000000];
