import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Family reunions: the list (and a supervisor's sign-off queue), logging one, its detail and the follow-up visits. */
export const reunionsRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('reunions')],
    canMatch: [abilityGuard],
    data: { can: ['read', 'Reunion'] },
    children: [
      { path: '', loadComponent: () => import('./pages/reunion-list-page').then((m) => m.ReunionListPage) },
      {
        path: 'awaiting-sign-off',
        canMatch: [abilityGuard],
        data: { can: ['verify', 'Reunion'], status: 'pending_sign_off' },
        loadComponent: () => import('./pages/reunion-list-page').then((m) => m.ReunionListPage),
      },
      { path: 'follow-ups', loadComponent: () => import('./pages/follow-up-list-page').then((m) => m.FollowUpListPage) },
      {
        path: 'new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Reunion'] },
        loadComponent: () => import('./pages/reunion-form-page').then((m) => m.ReunionFormPage),
      },
      { path: ':id', loadComponent: () => import('./pages/reunion-detail-page').then((m) => m.ReunionDetailPage) },
    ],
  },
];
