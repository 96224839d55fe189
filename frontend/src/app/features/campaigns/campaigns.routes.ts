import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Crackdown campaigns: the list, the form (supervisors) and a campaign's page with its figures and records. */
export const campaignsRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('campaigns')],
    canMatch: [abilityGuard],
    data: { can: ['read', 'Campaign'] },
    children: [
      { path: '', loadComponent: () => import('./pages/campaign-list-page').then((m) => m.CampaignListPage) },
      {
        path: 'new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Campaign'] },
        loadComponent: () => import('./pages/campaign-form-page').then((m) => m.CampaignFormPage),
      },
      { path: ':id', loadComponent: () => import('./pages/campaign-page').then((m) => m.CampaignPage) },
      {
        path: ':id/edit',
        canMatch: [abilityGuard],
        data: { can: ['update', 'Campaign'] },
        loadComponent: () => import('./pages/campaign-form-page').then((m) => m.CampaignFormPage),
      },
    ],
  },
];
