import {
  ageAt,
  descriptionTokens,
  dice,
  haversineKm,
  MAX_RADIUS_KM,
  phashDistance,
  scoreCandidate,
  searchRadiusKm,
  type CaseFacts,
  type SightingFacts,
} from './scoring';

const TAIHE = { lat: 33.1602, lng: 115.622 };
const PUDONG = { lat: 31.2213, lng: 121.544 };

const sighting = (over: Partial<SightingFacts> = {}): SightingFacts => ({
  seenAt: new Date('2026-06-01T08:00:00Z'),
  latitude: TAIHE.lat,
  longitude: TAIHE.lng,
  estimatedAgeYears: 7,
  sex: 'male',
  description: '左脸有胎记，右手缺一根手指',
  visibleInjuryOrDisability: false,
  phashes: [],
  ...over,
});
const file = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  lastSeenAt: new Date('2026-05-01T08:00:00Z'),
  latitude: TAIHE.lat + 0.1,
  longitude: TAIHE.lng,
  birthDate: '2019-03-01',
  sex: 'male',
  marks: '左脸颊有胎记；右手缺少一根手指',
  hasDisabilities: false,
  phashes: [],
  ...over,
});

describe('matching scores', () => {
  it('measures real distances (Taihe to Pudong is about 600 km)', () => {
    const d = haversineKm(TAIHE.lat, TAIHE.lng, PUDONG.lat, PUDONG.lng);
    expect(d).toBeGreaterThan(560);
    expect(d).toBeLessThan(640);
  });

  it('widens the search radius with time and caps it', () => {
    expect(searchRadiusKm(0)).toBe(50);
    expect(searchRadiusKm(1)).toBe(200);
    expect(searchRadiusKm(30)).toBeGreaterThan(searchRadiusKm(1));
    expect(searchRadiusKm(10_000)).toBe(MAX_RADIUS_KM);
    expect(searchRadiusKm(-5)).toBe(50);
  });

  it('counts differing perceptual-hash bits', () => {
    expect(phashDistance('ffffffffffffffff', 'ffffffffffffffff')).toBe(0);
    expect(phashDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(phashDistance('0000000000000001', '0000000000000003')).toBe(1);
  });

  it('tokenises Chinese into bigrams and compares descriptions', () => {
    expect([...descriptionTokens('胎记')]).toEqual(['胎记']);
    expect(descriptionTokens('Scar on LEFT cheek').has('left')).toBe(true);
    expect(dice(descriptionTokens('左脸有胎记'), descriptionTokens('左脸有胎记'))).toBe(1);
    expect(dice(descriptionTokens('左脸有胎记'), descriptionTokens('戴眼镜'))).toBe(0);
  });

  it('computes the age a child would have reached', () => {
    expect(ageAt('2019-06-01', new Date('2026-06-01T00:00:00Z'))).toBeCloseTo(7, 1);
  });

  it('scores a fitting file high and explains every factor', () => {
    const scored = scoreCandidate(sighting({ phashes: ['a5a5a5a5a5a5a5a5'] }), file({ phashes: ['a5a5a5a5a5a5a5a4'] }));
    expect(scored.score).toBeGreaterThan(0.85);
    expect(scored.reasons.map((r) => [r.factor, r.result])).toEqual([
      ['distance', 'match'],
      ['age', 'match'],
      ['sex', 'match'],
      ['description', 'match'],
      ['photo', 'match'],
    ]);
  });

  it('marks factors unknown when one side does not say', () => {
    const scored = scoreCandidate(sighting({ estimatedAgeYears: null, sex: 'unknown', description: '' }), file({ marks: '' }));
    const results = Object.fromEntries(scored.reasons.map((r) => [r.factor, r.result]));
    expect(results).toEqual({ distance: 'match', age: 'unknown', sex: 'unknown', description: 'unknown', photo: 'unknown' });
    expect(scored.reasons.find((r) => r.factor === 'age')!.score).toBeNull();
  });

  it('ranks the true file above decoys of the wrong sex, age, place or description', () => {
    const s = sighting();
    const truth = scoreCandidate(s, file()).score;
    const decoys = [
      file({ sex: 'female' }),
      file({ birthDate: '2013-01-01' }),
      file({ latitude: PUDONG.lat, longitude: PUDONG.lng, lastSeenAt: new Date('2026-05-31T08:00:00Z') }),
      file({ marks: '戴眼镜，卷发' }),
    ].map((c) => scoreCandidate(s, c).score);
    for (const d of decoys) expect(truth).toBeGreaterThan(d);
  });

  it('disqualifies a file of the other sex or one lost after the sighting', () => {
    expect(scoreCandidate(sighting(), file({ sex: 'female' })).score).toBeLessThan(0.3);
    const later = scoreCandidate(sighting(), file({ lastSeenAt: new Date('2026-06-10T00:00:00Z') }));
    expect(later.reasons[0]).toMatchObject({ factor: 'distance', score: 0, result: 'mismatch' });
    expect(later.score).toBeLessThan(0.3);
  });

  it('treats a far-away file as out of reach only while the radius is small', () => {
    const far = { latitude: PUDONG.lat, longitude: PUDONG.lng };
    const recent = scoreCandidate(sighting(), file({ ...far, lastSeenAt: new Date('2026-05-31T08:00:00Z') }));
    const old = scoreCandidate(sighting(), file({ ...far, lastSeenAt: new Date('2025-06-01T08:00:00Z'), birthDate: '2018-06-01' }));
    expect(recent.reasons[0].result).toBe('mismatch');
    expect(old.reasons[0].result).toBe('match');
  });
});
