/** Kinship LRs and the DNA search index (KINSHIP.md). Pure library: no Nest, no HTTP, no database. */
export {
  calculateKinship,
  CombinedLikelihoodRatio,
  kinshipFromModels,
  type KinshipResult,
  type TypedProfiles,
  posteriorProbability,
} from './calculate';
export {
  CHINA_PATERNITY_POLICY,
  decideKinship,
  type DecisionPolicy,
  type KinshipConclusion,
} from './decision-policy';
export { KinshipInputError, type KinshipInputIssue } from './errors';
export {
  addObservedAlleles,
  adjustFrequencyTable,
  applyFrequencyFloor,
  createFrequencyTable,
  type FrequencyFloor,
  type FrequencyPolicy,
  type FrequencyRecord,
  type FrequencyTable,
  type LocusFrequencies,
  parseFrequencyCsv,
  renormaliseFrequencies,
  toFrequencyRecord,
} from './frequency-table';
export { isSexMarker, normaliseLocusName, SEX_MARKER } from './loci';
export {
  buildMutationMatrix,
  DEFAULT_SEARCH_MUTATION,
  type MutationModel,
  STEPWISE_DEFAULTS,
} from './mutation';
export {
  RELATIONSHIPS,
  type Relationship,
  REQUIRED_PROFILES,
} from './relationships';
export {
  type CoupleCandidate,
  DnaSearchIndex,
  type DnaSearchIndexOptions,
  type SearchCandidate,
  SearchQuery,
  type SearchRelationship,
} from './search-index';
export type { KinshipInput, Profile } from './validation';
