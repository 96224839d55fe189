import { comparisonRows } from './comparison';
import type { MatchReason, SightingCandidate } from './sightings-api.service';

function candidate(reasons: MatchReason[]): SightingCandidate {
  return { rank: 1, score: 0.8, reasons, case: {} as SightingCandidate['case'] };
}

const reason = (factor: MatchReason['factor'], result: MatchReason['result'], values: MatchReason['values']): MatchReason => ({
  factor,
  result,
  score: result === 'unknown' ? null : 1,
  detail: '',
  values,
});

describe('comparisonRows', () => {
  it('shows every field, in order, from the reasons', () => {
    const rows = comparisonRows(
      candidate([
        reason('distance', 'match', { distanceKm: 1.2, radiusKm: 40, days: 3 }),
        reason('age', 'partial', { estimated: 9, expected: 7, tolerance: 2 }),
        reason('sex', 'mismatch', { sighting: 'male', file: 'female' }),
        reason('description', 'match', { overlap: 0.5, shared: 'scar' }),
        reason('photo', 'match', { hammingDistance: 3 }),
      ]),
    );
    expect(rows.map((r) => [r.field, r.result])).toEqual([
      ['age', 'partial'],
      ['sex', 'mismatch'],
      ['place', 'match'],
      ['time', 'match'],
      ['description', 'match'],
      ['photo', 'match'],
    ]);
    expect(rows.find((r) => r.field === 'sex')?.explainKey).toBe('sightings.explain.sex.male');
  });

  it('marks the time as a mismatch when the child was seen before going missing', () => {
    const rows = comparisonRows(candidate([reason('distance', 'mismatch', { distanceKm: 2, radiusKm: 10, days: -5 })]));
    expect(rows.find((r) => r.field === 'time')).toMatchObject({ result: 'mismatch', params: { days: 5 } });
    expect(rows.find((r) => r.field === 'place')?.result).toBe('unknown');
  });

  it('says unknown where a side gave nothing, never match', () => {
    const rows = comparisonRows(
      candidate([
        reason('distance', 'unknown', { distanceKm: null, radiusKm: null, days: null }),
        reason('description', 'unknown', { overlap: null }),
        reason('photo', 'unknown', { hammingDistance: null }),
      ]),
    );
    expect(rows.map((r) => r.result)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});
