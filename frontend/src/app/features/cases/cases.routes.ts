import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Missing-child files: the list, a new file, one file. */
export const casesRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('cases')],
    children: [
      {
        path: '',
        canMatch: [abilityGuard],
        data: { can: ['read', 'Case'] },
        loadComponent: () =>
          import('./pages/case-list/case-list-page').then(
            (m) => m.CaseListPage,
          ),
      },
      {
        path: 'new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Case'] },
        loadComponent: () =>
          import('./pages/case-create/case-create-page').then(
            (m) => m.CaseCreatePage,
          ),
      },
      {
        path: ':id',
        canMatch: [abilityGuard],
        data: { can: ['read', 'Case'] },
        loadComponent: () =>
          import('./pages/case-detail/case-detail-page').then(
            (m) => m.CaseDetailPage,
          ),
      },
    ],
  },
];
