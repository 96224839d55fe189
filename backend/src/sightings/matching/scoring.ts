/**
 * How well a sighting fits a missing-child file: one score per factor, each with the reason a person
 * can check, and a weighted total. Pure functions: the SQL prefilter in matching.service.ts uses the
 * same radius rule, and the unit specs pin the behaviour.
 */

export const FACTORS = ['distance', 'age', 'sex', 'description', 'photo'] as const;
export type Factor = (typeof FACTORS)[number];
export type FactorResult = 'match' | 'partial' | 'mismatch' | 'unknown';

export interface MatchReason {
  factor: Factor;
  /** 0..1, or null when one side does not say (shown as "unknown"). */
  score: number | null;
  result: FactorResult;
  /** A sentence for people (English; the dashboard renders its own text from `values`). */
  detail: string;
  values: Record<string, number | string | null>;
}

export interface ScoredCandidate {
  score: number;
  reasons: MatchReason[];
}

export const WEIGHTS: Record<Factor, number> = { distance: 0.25, age: 0.2, sex: 0.1, description: 0.2, photo: 0.25 };
/** What an unknown factor contributes: below a match, above a mismatch. */
export const UNKNOWN_CONTRIBUTION = 0.4;
/** The widest search radius, reached about 95 days after the disappearance. */
export const MAX_RADIUS_KM = 1500;
/** Photos this close (Hamming distance of 64-bit perceptual hashes) are the same picture or a near copy. */
export const NEAR_DUPLICATE_PHASH_DISTANCE = 6;
const PHOTO_SIMILAR_UP_TO = 24;
/** A sighting seen this long before the child was last seen cannot be the child (clock slack). */
export const SEEN_BEFORE_SLACK_DAYS = 1;

const DAY_MS = 86_400_000;
const YEAR_MS = 365.2425 * DAY_MS;

/**
 * How far a child may be from where they were last seen, `days` after: 50 km at once, 200 km after a
 * day, ~870 km after a month, at most 1,500 km (trafficked children are moved far and fast).
 */
export function searchRadiusKm(days: number): number {
  return Math.min(MAX_RADIUS_KM, 50 + 150 * Math.sqrt(Math.max(0, days)));
}

export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Hamming distance of two 64-bit hashes written as 16 hex digits. */
export function phashDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

/** Letters/digits lower-cased, CJK kept; everything else is a separator. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Tokens for comparing descriptions in Chinese and other languages: character bigrams of CJK runs
 * (Chinese has no spaces) and whole words elsewhere.
 */
export function descriptionTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of normalise(text).split(' ')) {
    if (!word) continue;
    if (/\p{Script=Han}/u.test(word)) {
      const chars = [...word];
      if (chars.length === 1) tokens.add(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
    } else if (word.length > 1) {
      tokens.add(word);
    }
  }
  return tokens;
}

/** Sørensen–Dice overlap of two token sets, 0..1. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function result(score: number | null): FactorResult {
  if (score === null) return 'unknown';
  return score >= 0.6 ? 'match' : score >= 0.3 ? 'partial' : 'mismatch';
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface SightingFacts {
  seenAt: Date;
  latitude: number;
  longitude: number;
  estimatedAgeYears: number | null;
  sex: 'male' | 'female' | 'unknown';
  description: string;
  visibleInjuryOrDisability: boolean;
  phashes: string[];
}

export interface CaseFacts {
  lastSeenAt: Date;
  latitude: number | null;
  longitude: number | null;
  /** Date of birth, or the one estimated from the age when reported (YYYY-MM-DD). */
  birthDate: string;
  sex: 'male' | 'female' | 'unknown';
  /** Marks, disabilities and other description of the child. */
  marks: string;
  hasDisabilities: boolean;
  phashes: string[];
}

export function distanceReason(s: SightingFacts, c: CaseFacts): MatchReason {
  if (c.latitude === null || c.longitude === null) {
    return { factor: 'distance', score: null, result: 'unknown', detail: 'The file has no position for the last-seen place.', values: { distanceKm: null, radiusKm: null, days: null } };
  }
  const days = (s.seenAt.getTime() - c.lastSeenAt.getTime()) / DAY_MS;
  const distanceKm = haversineKm(s.latitude, s.longitude, c.latitude, c.longitude);
  const radiusKm = searchRadiusKm(days);
  if (days < -SEEN_BEFORE_SLACK_DAYS) {
    return { factor: 'distance', score: 0, result: 'mismatch', detail: 'Seen before the child went missing.', values: { distanceKm: round(distanceKm, 1), radiusKm: round(radiusKm, 0), days: round(days, 1) } };
  }
  const score = distanceKm <= radiusKm ? 1 - 0.5 * (distanceKm / radiusKm) : 0;
  return {
    factor: 'distance',
    score: round(score),
    result: result(score),
    detail: `${Math.round(distanceKm)} km from the last-seen place; search radius ${Math.round(radiusKm)} km after ${Math.max(0, Math.round(days))} days.`,
    values: { distanceKm: round(distanceKm, 1), radiusKm: round(radiusKm, 0), days: round(Math.max(0, days), 1) },
  };
}

/** The child's age in years at `at`, from a YYYY-MM-DD birth date. */
export function ageAt(birthDate: string, at: Date): number {
  return (at.getTime() - new Date(`${birthDate}T00:00:00Z`).getTime()) / YEAR_MS;
}

export function ageReason(s: SightingFacts, c: CaseFacts): MatchReason {
  const actual = ageAt(c.birthDate, s.seenAt);
  if (s.estimatedAgeYears === null) {
    return { factor: 'age', score: null, result: 'unknown', detail: `The reporter gave no age; the child would now be about ${Math.max(0, Math.round(actual))}.`, values: { estimated: null, expected: round(actual, 1) } };
  }
  // People misjudge the age of older children more: ±2 years, plus 15 % of the age.
  const tolerance = 2 + 0.15 * Math.max(0, actual);
  const difference = Math.abs(s.estimatedAgeYears - actual);
  const score = Math.max(0, 1 - difference / (2 * tolerance));
  return {
    factor: 'age',
    score: round(score),
    result: result(score),
    detail: `Estimated ${s.estimatedAgeYears}; the child would now be ${round(actual, 1)} (±${round(tolerance, 1)}).`,
    values: { estimated: s.estimatedAgeYears, expected: round(actual, 1), tolerance: round(tolerance, 1) },
  };
}

export function sexReason(s: SightingFacts, c: CaseFacts): MatchReason {
  if (s.sex === 'unknown' || c.sex === 'unknown') {
    return { factor: 'sex', score: null, result: 'unknown', detail: 'Sex not known on one side.', values: { sighting: s.sex, file: c.sex } };
  }
  const score = s.sex === c.sex ? 1 : 0;
  return { factor: 'sex', score, result: result(score), detail: s.sex === c.sex ? `Both ${s.sex}.` : `Sighting ${s.sex}, file ${c.sex}.`, values: { sighting: s.sex, file: c.sex } };
}

/** A sighting is scored against hundreds of files: tokenise its description once. */
const sightingTokenCache = new WeakMap<SightingFacts, Set<string>>();
function sightingTokens(s: SightingFacts): Set<string> {
  let tokens = sightingTokenCache.get(s);
  if (!tokens) {
    tokens = descriptionTokens(s.description);
    sightingTokenCache.set(s, tokens);
  }
  return tokens;
}

export function descriptionReason(s: SightingFacts, c: CaseFacts): MatchReason {
  const a = sightingTokens(s);
  const b = descriptionTokens(c.marks);
  const injuryAgrees = s.visibleInjuryOrDisability && c.hasDisabilities;
  if ((!a.size || !b.size) && !injuryAgrees) {
    return { factor: 'description', score: null, result: 'unknown', detail: 'No description or marks to compare.', values: { overlap: null } };
  }
  const overlap = dice(a, b);
  const score = Math.min(1, overlap * 2 + (injuryAgrees ? 0.3 : 0));
  const shared = [...a].filter((t) => b.has(t)).slice(0, 8);
  return {
    factor: 'description',
    score: round(score),
    result: result(score),
    detail: `${Math.round(overlap * 100)} % of the description overlaps the file's marks${shared.length ? ` (${shared.join(', ')})` : ''}${injuryAgrees ? '; a visible injury or disability was reported and the file records one' : ''}.`,
    values: { overlap: round(overlap), shared: shared.join(' ') },
  };
}

export function photoReason(s: SightingFacts, c: CaseFacts): MatchReason {
  if (!s.phashes.length || !c.phashes.length) {
    return { factor: 'photo', score: null, result: 'unknown', detail: 'No photo to compare on one side.', values: { hammingDistance: null } };
  }
  let best = 64;
  for (const a of s.phashes) for (const b of c.phashes) best = Math.min(best, phashDistance(a, b));
  const score =
    best <= NEAR_DUPLICATE_PHASH_DISTANCE ? 1 : Math.max(0, 1 - (best - NEAR_DUPLICATE_PHASH_DISTANCE) / (PHOTO_SIMILAR_UP_TO - NEAR_DUPLICATE_PHASH_DISTANCE));
  return { factor: 'photo', score: round(score), result: result(score), detail: `Closest photos differ in ${best} of 64 perceptual-hash bits.`, values: { hammingDistance: best } };
}

/** Every factor, and the weighted total in 0..1 (unknown factors count as UNKNOWN_CONTRIBUTION). */
export function scoreCandidate(s: SightingFacts, c: CaseFacts): ScoredCandidate {
  const reasons = [distanceReason(s, c), ageReason(s, c), sexReason(s, c), descriptionReason(s, c), photoReason(s, c)];
  let total = 0;
  for (const r of reasons) total += WEIGHTS[r.factor] * (r.score ?? UNKNOWN_CONTRIBUTION);
  // A file of the other sex or out of reach is not a candidate however well the rest fits.
  const disqualified = reasons.some((r) => (r.factor === 'sex' || r.factor === 'distance') && r.score === 0);
  return { score: round(disqualified ? total * 0.25 : total), reasons };
}
