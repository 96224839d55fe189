import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { packRules } from '@casl/ability/extra';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { provideAbility } from '@hw/core/access/ability.service';
import type { MeDto } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { provideIcons } from '@hw/core/layout/icons';
import en from '../../../../../../public/i18n/en.json';
import homeEn from '../../../../../../public/i18n/home/en.json';
import { HomePage } from './home-page';

function me(
  role: MeDto['user']['role'],
  rules: { action: string; subject: string }[],
): MeDto {
  return {
    user: { id: 'user-1', username: 'someone', displayName: '张社工', role },
    organisation: { name: '太和县儿童之家', kind: 'ngo' },
    jurisdiction: {
      name: '太和县',
      nameEn: 'Taihe County',
      path: '34/3412/341222/',
      code: '341222',
      level: 'county',
    },
    rules: packRules(rules as never),
  } as unknown as MeDto;
}

const page = (total: number) => ({ items: [], total, page: 1, pageSize: 1 });

describe('HomePage', () => {
  let fixture: ComponentFixture<HomePage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [
        HomePage,
        TranslocoTestingModule.forRoot({
          langs: { en: { ...en, home: homeEn } },
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
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function signedInAs(user: MeDto): Promise<HTMLElement> {
    const loading = TestBed.inject(AuthService).loadMe();
    http.expectOne('/api/v1/me').flush(user);
    await loading;
    fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  /** Answers every pending request to `path` (any query) with `body`. */
  function answer(path: string, body: unknown): void {
    for (const request of http.match((r) => r.url === `/api/v1/${path}`))
      request.flush(body);
  }

  it('shows an NGO caseworker their own dashboard, with the empty states of a new install', async () => {
    const el = await signedInAs(
      me('ngo_caseworker', [{ action: 'read', subject: 'RescuedChild' }]),
    );
    expect(el.querySelector('hw-ngo-dashboard')).not.toBeNull();
    expect(el.querySelector('hw-supervisor-dashboard')).toBeNull();

    answer('rescued-children', page(0));
    answer('reunions/follow-ups', page(0));
    fixture.detectChanges();
    await fixture.whenStable();

    const text = el.textContent ?? '';
    expect(text).toContain(
      'No children have been placed with your organisation.',
    );
    expect(text).toContain('No children are in your care now.');
    expect(text).toContain('No follow-up visits are due.');
    expect(
      el.querySelector('[aria-label="Children in our care: 0"]'),
    ).not.toBeNull();
    expect(el.querySelector('hw-chart')).toBeNull();
  });

  it('says which part failed and loads only that part again on "Try again"', async () => {
    const el = await signedInAs(
      me('ngo_caseworker', [{ action: 'read', subject: 'RescuedChild' }]),
    );
    answer('rescued-children', page(0));
    // One failure is enough: the block's other request is cancelled with it.
    const [first] = http.match((r) => r.url === '/api/v1/reunions/follow-ups');
    first.flush(
      { title: 'Service unavailable' },
      { status: 503, statusText: 'Unavailable' },
    );
    fixture.detectChanges();
    await fixture.whenStable();

    const alerts = el.querySelectorAll('[role="alert"]');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].textContent).toContain(
      'This part of the dashboard could not be loaded.',
    );
    expect(el.textContent).toContain(
      'No children have been placed with your organisation.',
    );

    (alerts[0].querySelector('button') as HTMLButtonElement).click();
    const again = http.match((r) => r.url === '/api/v1/reunions/follow-ups');
    expect(again.map((r) => r.request.params.get('status')).sort()).toEqual([
      'due',
      'overdue',
    ]);
    expect(
      http.match((r) => r.url === '/api/v1/rescued-children'),
    ).toHaveLength(0);
    for (const request of again) request.flush(page(0));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelectorAll('[role="alert"]')).toHaveLength(0);
    expect(el.textContent).toContain('No follow-up visits are due.');
  });

  it('counts an officer’s open files per status, filtered to the files assigned to them', async () => {
    await signedInAs(
      me('officer', [
        { action: 'read', subject: 'Case' },
        { action: 'read', subject: 'Sighting' },
      ]),
    );
    const counts = http.match(
      (r) => r.url === '/api/v1/cases' && r.params.get('pageSize') === '1',
    );
    const mine = counts.filter(
      (r) => r.request.params.get('assignedOfficerId') === 'user-1',
    );
    expect(mine.map((r) => r.request.params.get('status'))).toEqual([
      'open',
      'sighted',
      'located',
      'rescued',
    ]);
    for (const request of counts) request.flush(page(0));
    answer('cases', page(0));
    answer('sightings', page(0));
  });

  it('shows nothing but the greeting when the rules give the role nothing its dashboard would show', async () => {
    const el = await signedInAs(me('lab_technician', []));
    expect(el.querySelector('h1')?.textContent).toContain('Welcome, 张社工');
    expect(el.textContent).toContain('Your account has no dashboard yet.');
    expect(el.querySelector('hw-lab-dashboard')).toBeNull();
  });
});
