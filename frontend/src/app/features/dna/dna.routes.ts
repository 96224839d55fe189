import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** DNA (issue 4): match review, samples with custody, profile import, frequency tables, calculator. */
export const dnaRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('dna')],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'matches' },
      {
        path: 'matches',
        canMatch: [abilityGuard],
        data: { can: ['read', 'KinshipMatch'] },
        loadComponent: () =>
          import('./pages/match-list-page').then((m) => m.MatchListPage),
      },
      {
        path: 'matches/:id',
        canMatch: [abilityGuard],
        data: { can: ['read', 'KinshipMatch'] },
        loadComponent: () =>
          import('./pages/match-detail-page').then((m) => m.MatchDetailPage),
      },
      {
        path: 'samples',
        canMatch: [abilityGuard],
        data: { can: ['read', 'DnaSample'] },
        loadComponent: () =>
          import('./pages/sample-list-page').then((m) => m.SampleListPage),
      },
      {
        path: 'samples/new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'DnaSample'] },
        loadComponent: () =>
          import('./pages/sample-register-page').then(
            (m) => m.SampleRegisterPage,
          ),
      },
      {
        path: 'samples/:id',
        canMatch: [abilityGuard],
        data: { can: ['read', 'DnaSample'] },
        loadComponent: () =>
          import('./pages/sample-detail-page').then((m) => m.SampleDetailPage),
      },
      {
        path: 'import',
        canMatch: [abilityGuard],
        data: { can: ['create', 'DnaProfile'] },
        loadComponent: () =>
          import('./pages/import-page').then((m) => m.ImportPage),
      },
      {
        path: 'profiles/new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'DnaProfile'] },
        loadComponent: () =>
          import('./pages/profile-entry-page').then((m) => m.ProfileEntryPage),
      },
      {
        path: 'frequency-tables',
        canMatch: [abilityGuard],
        data: { can: ['read', 'FrequencyTable'] },
        loadComponent: () =>
          import('./pages/frequency-tables-page').then(
            (m) => m.FrequencyTablesPage,
          ),
      },
      {
        path: 'calculator',
        canMatch: [abilityGuard],
        data: { can: ['create', 'KinshipCalculation'] },
        loadComponent: () =>
          import('./pages/calculator-page').then((m) => m.CalculatorPage),
      },
    ],
  },
];
