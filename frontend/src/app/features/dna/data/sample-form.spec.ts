import { BARCODE_PATTERN, sampleRequest } from './sample-form';
import type { SampleFormValue } from './sample-form';

const base: SampleFormValue = {
  barcode: ' TH-REF-0001 ',
  kind: 'family_reference',
  donorRelationship: 'mother',
  caseId: '6a0f1c1e-8d59-4c55-9e8e-3c1f1f1f1f1f',
  childDescription: 'left over from an earlier choice',
  donorName: '',
  donorIdNumber: '',
  donorPhone: '',
  consentGivenBy: ' 王秀英 ',
  consentGivenAt: '2026-06-01T08:30',
  collectedAt: '2026-06-01T09:00',
  collectedLocation: '太和县公安局',
  collectingOrganisationId: '',
  retentionUntil: '2046-06-01',
};

describe('sampleRequest', () => {
  it('sends a family reference with its file and relationship, consent scoped to the search, times as instants', () => {
    const request = sampleRequest(base);
    expect(request).toEqual({
      barcode: 'TH-REF-0001',
      kind: 'family_reference',
      donorRelationship: 'mother',
      caseId: base.caseId,
      consent: {
        givenBy: '王秀英',
        givenAt: new Date('2026-06-01T08:30').toISOString(),
        scope: 'search_for_missing_children',
      },
      collectingOrganisationId: undefined,
      retentionUntil: '2046-06-01',
      collected: {
        at: new Date('2026-06-01T09:00').toISOString(),
        location: '太和县公安局',
      },
    });
    expect(request).not.toHaveProperty('childDescription');
    expect(request).not.toHaveProperty('donorIdentity');
  });

  it('sends a child sample without file or relationship (the API refuses them)', () => {
    const request = sampleRequest({
      ...base,
      kind: 'child',
      childDescription: ' found in Fuyang ',
    });
    expect(request.childDescription).toBe('found in Fuyang');
    expect(request).not.toHaveProperty('caseId');
    expect(request).not.toHaveProperty('donorRelationship');
  });

  it('sends the donor identity only with a name, empty parts left out', () => {
    expect(
      sampleRequest({ ...base, donorIdNumber: '341222198001010000' }),
    ).not.toHaveProperty('donorIdentity');
    expect(
      sampleRequest({
        ...base,
        donorName: ' 王秀英 ',
        donorPhone: '13800000000',
      }).donorIdentity,
    ).toEqual({
      name: '王秀英',
      idNumber: undefined,
      phone: '13800000000',
    });
  });

  it('keeps the chosen collecting organisation', () => {
    expect(
      sampleRequest({ ...base, collectingOrganisationId: 'org-1' })
        .collectingOrganisationId,
    ).toBe('org-1');
  });
});

describe('BARCODE_PATTERN', () => {
  it('matches the API rule', () => {
    expect(BARCODE_PATTERN.test('TH-REF-2026-0001')).toBe(true);
    expect(BARCODE_PATTERN.test('ab')).toBe(false);
    expect(BARCODE_PATTERN.test('-ABC')).toBe(false);
    expect(BARCODE_PATTERN.test('AB C1')).toBe(false);
  });
});
