import { childLabel, childRequest, rescueFormValue, rescueRequest, rescueUpdate, splitAgencies } from './rescue-form';
import type { Rescue } from './rescues-api.service';

describe('rescue form', () => {
  const base = {
    occurredAt: '2026-09-14T14:00',
    place: ' 太和县城关镇汽车站 ',
    lat: 33.16,
    lng: 115.62,
    jurisdictionCode: '341222',
    agencies: '太和县公安局、太和县民政局\n太和县公安局',
    suspectsDetained: 3,
    notes: '  ',
  };

  it('splits agencies on lines, commas and 、 without duplicates', () => {
    expect(splitAgencies('a, b，c、d\n\na')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('builds the request: trimmed place, an instant, no blank notes, no half position', () => {
    const body = rescueRequest(base);
    expect(body.place).toBe('太和县城关镇汽车站');
    expect(body.occurredAt).toBe(new Date('2026-09-14T14:00').toISOString());
    expect(body.agencies).toEqual(['太和县公安局', '太和县民政局']);
    expect(body).not.toHaveProperty('notes');
    expect(rescueRequest({ ...base, lng: null })).not.toHaveProperty('lat');
    expect(rescueRequest({ ...base, suspectsDetained: null }).suspectsDetained).toBe(0);
  });

  it('corrects a rescue: the form holds what was stored, and cleared position and notes are sent as null', () => {
    const stored = { occurredAt: new Date('2026-09-14T14:00').toISOString(), place: 'p', lat: 33.1, lng: 115.6, jurisdiction: { code: '341222', name: '', nameEn: '' }, agencies: ['a', 'b'], suspectsDetained: 2, notes: 'n' } as Rescue;
    const value = rescueFormValue(stored);
    expect(value).toMatchObject({ occurredAt: '2026-09-14T14:00', agencies: 'a\nb', notes: 'n' });
    const body = rescueUpdate({ ...value, lat: null, lng: null, notes: ' ' }, 4);
    expect(body).toMatchObject({ version: 4, lat: null, lng: null, notes: null, agencies: ['a', 'b'], occurredAt: stored.occurredAt });
  });

  it('sends the file for an identified child and the description for an unidentified one', () => {
    const child = { identified: true, caseId: 'c1', name: '小花', sex: 'female' as const, estimatedAgeYears: null, condition: ' ok ', injuriesOrDisabilities: '', dialect: '' };
    expect(childRequest(child)).toEqual({ caseId: 'c1', condition: 'ok', injuriesOrDisabilities: undefined, dialect: undefined });
    expect(childRequest({ ...child, identified: false, estimatedAgeYears: 6 })).toMatchObject({ name: '小花', sex: 'female', estimatedAgeYears: 6 });
  });

  it('labels a child by the file, the given name, or a short code', () => {
    expect(childLabel({ id: 'abcdef12-0000', name: null, case: { childFullName: '张小明' } })).toBe('张小明');
    expect(childLabel({ id: 'abcdef12-0000', name: '小花' })).toBe('小花');
    expect(childLabel({ id: 'abcdef12-0000' })).toBe('RC-ABCDEF12');
  });
});
