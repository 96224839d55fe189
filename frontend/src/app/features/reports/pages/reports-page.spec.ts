import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AbilityService, provideAbility } from '@hw/core/access/ability.service';
import type { MeDto } from '@hw/core/api/api';
import { provideIcons } from '@hw/core/layout/icons';
import { packRules } from '@casl/ability/extra';
import en from '../../../../../public/i18n/en.json';
import reportsEn from '../../../../../public/i18n/reports/en.json';
import type { ReportJob } from '../data/reports-api.service';
import { fileNameOf } from '../data/reports-api.service';
import { ReportsPage } from './reports-page';

function job(status: ReportJob['status'], progress: number): ReportJob {
  return {
    id: 'j1',
    type: 'campaign',
    campaignId: 'c1',
    campaignName: '太和县2026打拐专项行动',
    month: null,
    language: 'zh-CN',
    childNames: 'initials',
    status,
    progress,
    error: null,
    fileBytes: status === 'done' ? 1000 : null,
    pages: status === 'done' ? 12 : null,
    requestedBy: 'Wang',
    createdAt: '2026-06-20T04:00:00Z',
    finishedAt: null,
  };
}

describe('ReportsPage', () => {
  let fixture: ComponentFixture<ReportsPage>;
  let http: HttpTestingController;
  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  beforeEach(async () => {
    jest.useFakeTimers();
    await TestBed.configureTestingModule({
      imports: [
        ReportsPage,
        TranslocoTestingModule.forRoot({
          langs: { en: { ...en, reports: reportsEn } },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
          preloadLangs: true,
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAbility(), provideIcons()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    // A supervisor: may make reports and exports.
    TestBed.inject(AbilityService).update({ user: { id: 'me', role: 'supervisor' }, rules: packRules([{ action: 'create', subject: 'Report' }, { action: 'export', subject: 'Export' }] as never) } as unknown as MeDto);
    fixture = TestBed.createComponent(ReportsPage);
    http.expectOne((r) => r.url === '/api/v1/campaigns').flush({ items: [{ id: 'c1', name: '太和县2026打拐专项行动', startsOn: '2026-03-01', endsOn: '2026-08-31' }], total: 1, page: 1, pageSize: 100 });
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('polls a running job until it is done, then offers the download', () => {
    http.expectOne('/api/v1/reports').flush({ items: [job('running', 40)] });
    fixture.detectChanges();
    expect(text()).toContain('Being made · 40%');
    expect(text()).not.toContain('Download PDF');

    jest.advanceTimersByTime(1500);
    http.expectOne('/api/v1/reports').flush({ items: [job('done', 100)] });
    fixture.detectChanges();
    expect(text()).toContain('Download PDF');
    expect(text()).toContain('12 pages');

    // Nothing left to wait for: no more requests.
    jest.advanceTimersByTime(5000);
    http.expectNone('/api/v1/reports');
  });

  it('warns that full names are audited, and sends the choice with the request', () => {
    http.expectOne('/api/v1/reports').flush({ items: [] });
    fixture.detectChanges();
    expect(text()).toContain('No reports yet');
    const form = (fixture.componentInstance as unknown as { form: { controls: { childNames: { setValue(v: string): void } } } }).form;
    form.controls.childNames.setValue('full');
    fixture.detectChanges();
    expect(text()).toContain('recorded in the audit log');

    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="report-submit"]')?.click();
    const request = http.expectOne((r) => r.method === 'POST' && r.url === '/api/v1/reports');
    expect(request.request.body).toEqual({ type: 'campaign', campaignId: 'c1', language: 'en', childNames: 'full' });
    request.flush(job('queued', 0));
    fixture.detectChanges();
    expect(text()).toContain('Waiting · 0%');
    jest.advanceTimersByTime(1500);
    http.expectOne('/api/v1/reports').flush({ items: [job('done', 100)] });
  });

  it('shows the exports panel to a supervisor', () => {
    http.expectOne('/api/v1/reports').flush({ items: [] });
    fixture.detectChanges();
    expect(text()).toContain('Export data');
  });
});

describe('fileNameOf', () => {
  it('reads the file name of an attachment header', () => {
    expect(fileNameOf('attachment; filename="homeward-cases-20260620.xlsx"')).toBe('homeward-cases-20260620.xlsx');
    expect(fileNameOf(null)).toBeNull();
  });
});
