export type KinshipConclusion =
  'supported' | 'excluded' | 'inconclusive' | 'not_supported';

/** A jurisdiction's reporting rule (KINSHIP.md §A.8). */
export interface DecisionPolicy {
  readonly name: string;
  /** CLR at or above which the relationship is supported. */
  readonly supportLr: number;
  /** CLR above which (and below `supportLr`) more loci or relatives are needed. */
  readonly inconclusiveLr: number;
  /** Number of Mendelian-inconsistent loci that excludes the relationship. */
  readonly exclusionInconsistentLoci: number;
}

/** SF/Z JD0105001-2016: CPI ≥ 10,000 supports; ≥ 3 inconsistent loci exclude; 2,000 < CPI < 10,000 inconclusive. */
export const CHINA_PATERNITY_POLICY: DecisionPolicy = {
  name: 'China SF/Z JD0105001-2016',
  supportLr: 10_000,
  inconclusiveLr: 2_000,
  exclusionInconsistentLoci: 3,
};

export function decideKinship(
  result: { lr: number; inconsistentLoci: number },
  policy: DecisionPolicy = CHINA_PATERNITY_POLICY,
): KinshipConclusion {
  if (result.inconsistentLoci >= policy.exclusionInconsistentLoci)
    return 'excluded';
  if (result.lr >= policy.supportLr) return 'supported';
  if (result.lr > policy.inconclusiveLr) return 'inconclusive';
  return 'not_supported';
}
