import { FormControl, FormGroup } from '@angular/forms';
import { campaignRequest, endNotBeforeStart, parseRecordReference, recordLink } from './campaign-form';

describe('campaign form', () => {
  const group = (startsOn: string, endsOn: string) =>
    new FormGroup({ startsOn: new FormControl(startsOn), endsOn: new FormControl(endsOn) });

  it('refuses an end before the start, and accepts a one-day campaign', () => {
    expect(endNotBeforeStart(group('2026-03-01', '2026-02-28'))).toEqual({ endBeforeStart: true });
    expect(endNotBeforeStart(group('2026-03-01', '2026-03-01'))).toBeNull();
    expect(endNotBeforeStart(group('2026-03-01', ''))).toBeNull();
  });

  it('trims the text and leaves out empty goals', () => {
    expect(campaignRequest({ name: ' 专项 ', goals: '  ', jurisdictionCode: ' 341222 ', startsOn: '2026-01-01', endsOn: '2026-02-01' })).toEqual({
      name: '专项',
      jurisdictionCode: '341222',
      startsOn: '2026-01-01',
      endsOn: '2026-02-01',
    });
  });

  it('reads an id from a pasted address, or a file number for files only', () => {
    const id = '6f1c1d0e-1234-4000-8000-00000000abcd';
    expect(parseRecordReference('rescue', `https://homeward.example/rescues/${id.toUpperCase()}?tab=children`)).toEqual({ id });
    expect(parseRecordReference('case', ' mc-2026-000123 ')).toEqual({ caseNumber: 'MC-2026-000123' });
    expect(parseRecordReference('sighting', 'MC-2026-000123')).toBeNull();
    expect(parseRecordReference('case', 'Zhang San')).toBeNull();
  });

  it('links each record type to its page', () => {
    expect(recordLink('sighting', 'x')).toEqual(['/sightings', 'x']);
  });
});
