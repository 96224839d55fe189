import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { provideAbility } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { TranslatedPaginatorIntl } from '@hw/core/i18n/paginator-intl';
import { provideIcons } from '@hw/core/layout/icons';
import en from '../../../../../../public/i18n/en.json';
import casesEn from '../../../../../../public/i18n/cases/en.json';
import { CaseListPage } from './case-list-page';

function file(
  i: number,
  status: Schemas['CaseSummaryDto']['status'],
): Schemas['CaseSummaryDto'] {
  return {
    id: `c${i}`,
    caseNumber: `MC-2026-00000${i}`,
    view: 'full',
    childName: i === 1 ? '张小明' : '王梓涵',
    childSex: i === 1 ? 'male' : 'female',
    childAgeYears: 6 + i,
    status,
    priority: i === 1 ? 'urgent' : 'normal',
    lastSeenAt: '2026-05-20T09:30:00Z',
    lastSeenPlace: '太和县城关镇',
    jurisdiction: { code: '341222', name: '太和县', nameEn: 'Taihe County' },
    assignedOfficer: { id: 'u1', displayName: 'Li' },
  };
}

/** The API's answer: a page of files, page 1 of 25 and an exact total unless given. */
function pageOf(
  items: Schemas['CaseSummaryDto'][],
  total: number,
  more: { page?: number; totalIsEstimate?: boolean } = {},
): Schemas['CasePageDto'] {
  return {
    items,
    total,
    page: 1,
    pageSize: 25,
    totalIsEstimate: false,
    ...more,
  };
}

describe('CaseListPage', () => {
  let fixture: ComponentFixture<CaseListPage>;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [
        CaseListPage,
        TranslocoTestingModule.forRoot({
          langs: { en: { ...en, cases: casesEn } },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideAbility(),
        provideIcons(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    }).compileComponents();
    httpMock = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CaseListPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
  });

  afterEach(() => httpMock.verify());

  it('shows the page the server sent with translated status and priority, and pages on the server', async () => {
    const req = httpMock.expectOne((r) => r.url === '/api/v1/cases');
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
    expect(req.request.params.has('status')).toBe(false);
    expect(req.request.params.has('sort')).toBe(false);
    req.flush(pageOf([file(1, 'open'), file(2, 'sighted')], 40));

    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['caseNumber'].text).toEqual([
      'MC-2026-000001',
      'MC-2026-000002',
    ]);
    expect(rows['status'].text).toEqual(['Open', 'Sighted']);
    expect(rows['priority'].text).toEqual(['Urgent', 'Normal']);
    expect(rows['age'].text).toEqual(['7 years', '8 years']);

    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1–25 of 40');
    await paginator.goToNextPage();
    const next = httpMock.expectOne((r) => r.url === '/api/v1/cases');
    expect(next.request.params.get('page')).toBe('2');
    next.flush(pageOf([file(3, 'closed')], 40, { page: 2 }));
    expect(await paginator.getRangeLabel()).toBe('26–40 of 40');
  });

  it('sorts by the server allow-list fields only', async () => {
    httpMock
      .expectOne((r) => r.url === '/api/v1/cases')
      .flush(pageOf([file(1, 'open')], 1));
    const sort = await loader.getHarness(MatSortHarness);
    const headers = await sort.getSortHeaders();
    const labels = await Promise.all(headers.map((h) => h.getLabel()));
    expect(labels).not.toContain('Jurisdiction');
    expect(labels).not.toContain('Assigned officer');
    const child = (await sort.getSortHeaders({ label: 'Child' }))[0];
    await child.click();
    const sorted = httpMock.expectOne((r) => r.url === '/api/v1/cases');
    expect(sorted.request.params.get('sort')).toBe('childName');
    sorted.flush(pageOf([file(1, 'open')], 1));
    await child.click();
    const desc = httpMock.expectOne((r) => r.url === '/api/v1/cases');
    expect(desc.request.params.get('sort')).toBe('-childName');
    desc.flush(pageOf([file(1, 'open')], 1));
  });

  it('searches on the server and says so when nothing matches', async () => {
    httpMock
      .expectOne((r) => r.url === '/api/v1/cases')
      .flush(pageOf([file(1, 'open')], 1));
    const search = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="q"]' }),
    );
    await search.setValue('zhangxm');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const req = httpMock.expectOne((r) => r.url === '/api/v1/cases');
    expect(req.request.params.get('q')).toBe('zhangxm');
    expect(req.request.params.get('page')).toBe('1');
    req.flush(pageOf([], 0));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'No files match',
    );
    expect(await loader.getAllHarnesses(MatTableHarness)).toHaveLength(0);
  });

  it('reads an estimated total as approximate and says why the files are newest first', async () => {
    httpMock
      .expectOne((r) => r.url === '/api/v1/cases')
      .flush(pageOf([file(1, 'open')], 1));
    const search = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="q"]' }),
    );
    const paginator = await loader.getHarness(MatPaginatorHarness);
    const text = () => (fixture.nativeElement as HTMLElement).textContent;
    const hint =
      'Many files match this search, so they are listed newest first';

    await search.setValue('明');
    await new Promise((resolve) => setTimeout(resolve, 400));
    httpMock
      .expectOne((r) => r.url === '/api/v1/cases')
      .flush(
        pageOf([file(1, 'open'), file(2, 'open')], 20566, {
          totalIsEstimate: true,
        }),
      );
    expect(await paginator.getRangeLabel()).toBe('1–25 of about 21,000');
    expect(text()).toContain(hint);

    await search.setValue('张小明');
    await new Promise((resolve) => setTimeout(resolve, 400));
    httpMock
      .expectOne((r) => r.url === '/api/v1/cases')
      .flush(pageOf([file(1, 'open')], 1234));
    expect(await paginator.getRangeLabel()).toBe('1–25 of 1234');
    expect(text()).not.toContain(hint);
  });
});
