import type { MatchReason, SightingCandidate } from './sightings-api.service';

export type FieldResult = 'match' | 'partial' | 'mismatch' | 'unknown';
export type ComparedField =
  'age' | 'sex' | 'place' | 'time' | 'description' | 'photo';

export interface ComparisonRow {
  field: ComparedField;
  result: FieldResult;
  /** Translation key and parameters explaining the result (from the reason's values). */
  explainKey: string;
  params: Record<string, unknown>;
}

function reason(
  candidate: SightingCandidate,
  factor: MatchReason['factor'],
): MatchReason | undefined {
  return candidate.reasons.find((r) => r.factor === factor);
}

const UNKNOWN = (field: ComparedField): ComparisonRow => ({
  field,
  result: 'unknown',
  explainKey: 'sightings.explain.unknown',
  params: {},
});

/**
 * The rows of the side-by-side comparison, from the server's structured reasons. Time has no factor of
 * its own: it is a mismatch when the child was seen before going missing (the distance reason's days).
 */
export function comparisonRows(candidate: SightingCandidate): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const age = reason(candidate, 'age');
  rows.push(
    age
      ? {
          field: 'age',
          result: age.result,
          explainKey: `sightings.explain.age.${age.values['estimated'] === null ? 'unknown' : 'known'}`,
          params: age.values,
        }
      : UNKNOWN('age'),
  );
  const sex = reason(candidate, 'sex');
  rows.push(
    sex
      ? {
          field: 'sex',
          result: sex.result,
          explainKey: `sightings.explain.sex.${String(sex.values['sighting'] ?? 'unknown')}`,
          params: sex.values,
        }
      : UNKNOWN('sex'),
  );
  const distance = reason(candidate, 'distance');
  if (
    distance &&
    distance.values['distanceKm'] !== null &&
    distance.values['distanceKm'] !== undefined
  ) {
    const days = Number(distance.values['days']);
    const before = Number.isFinite(days) && days < -1;
    rows.push({
      field: 'place',
      result: before ? 'unknown' : distance.result,
      explainKey: 'sightings.explain.place',
      params: distance.values,
    });
    rows.push({
      field: 'time',
      result: before ? 'mismatch' : 'match',
      explainKey: before
        ? 'sightings.explain.timeBefore'
        : 'sightings.explain.timeAfter',
      params: { days: Math.abs(days) },
    });
  } else {
    rows.push(UNKNOWN('place'), UNKNOWN('time'));
  }
  const description = reason(candidate, 'description');
  rows.push(
    description && description.values['overlap'] !== null
      ? {
          field: 'description',
          result: description.result,
          explainKey: description.values['shared']
            ? 'sightings.explain.descriptionShared'
            : 'sightings.explain.descriptionNone',
          params: description.values,
        }
      : UNKNOWN('description'),
  );
  const photo = reason(candidate, 'photo');
  rows.push(
    photo && photo.values['hammingDistance'] !== null
      ? {
          field: 'photo',
          result: photo.result,
          explainKey: 'sightings.explain.photo',
          params: photo.values,
        }
      : UNKNOWN('photo'),
  );
  return rows;
}
