import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { provideAbility } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { TranslatedPaginatorIntl } from '@hw/core/i18n/paginator-intl';
import { provideIcons } from '@hw/core/layout/icons';
import en from '../../../../../../public/i18n/en.json';
import adminEn from '../../../../../../public/i18n/admin/en.json';
import { UserListPage } from './user-list-page';

function user(i: number): Schemas['UserDto'] {
  return {
    id: `u${i}`,
    username: `officer.${i}`,
    displayName: `Officer ${i}`,
    role: 'officer',
    organisation: { id: 'o1', name: 'Taihe PSB', kind: 'police' },
    jurisdiction: { code: '341222', name: '太和县', nameEn: 'Taihe County' },
    status: i === 2 ? 'locked' : 'active',
    mfaEnabled: false,
    mustChangePassword: false,
    lastSignInAt: null,
    version: 1,
  };
}

describe('UserListPage', () => {
  let fixture: ComponentFixture<UserListPage>;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [
        UserListPage,
        TranslocoTestingModule.forRoot({
          langs: { en: { ...en, admin: adminEn } },
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
    fixture = TestBed.createComponent(UserListPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
  });

  afterEach(() => httpMock.verify());

  it('shows the users of the page the server sent, with translated status and paginator', async () => {
    const req = httpMock.expectOne((r) => r.url === '/api/v1/users');
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
    expect(req.request.params.has('role')).toBe(false);
    req.flush({ items: [user(1), user(2)], total: 60, page: 1, pageSize: 25 });

    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['username'].text).toEqual(['officer.1', 'officer.2']);
    expect(rows['status'].text).toEqual(['Active', 'Locked']);
    expect(rows['jurisdiction'].text).toEqual(['Taihe County', 'Taihe County']);

    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1–25 of 60');
    await paginator.goToNextPage();
    const next = httpMock.expectOne((r) => r.url === '/api/v1/users');
    expect(next.request.params.get('page')).toBe('2');
    next.flush({ items: [user(3)], total: 60, page: 2, pageSize: 25 });
    expect(await paginator.getRangeLabel()).toBe('26–50 of 60');
  });

  it('says so when no user matches', async () => {
    httpMock.expectOne((r) => r.url === '/api/v1/users').flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No users match');
    expect(await loader.getAllHarnesses(MatTableHarness)).toHaveLength(0);
  });
});
