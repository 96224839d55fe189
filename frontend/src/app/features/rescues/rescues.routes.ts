import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Rescue operations (police): the list, logging or correcting one, one with its children. */
export const rescuesRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('rescues')],
    canMatch: [abilityGuard],
    data: { can: ['read', 'Rescue'] },
    children: [
      { path: '', loadComponent: () => import('./pages/rescue-list-page').then((m) => m.RescueListPage) },
      {
        path: 'new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Rescue'] },
        loadComponent: () => import('./pages/rescue-form-page').then((m) => m.RescueFormPage),
      },
      { path: ':id', loadComponent: () => import('./pages/rescue-detail-page').then((m) => m.RescueDetailPage) },
      {
        path: ':id/edit',
        canMatch: [abilityGuard],
        data: { can: ['update', 'Rescue'] },
        loadComponent: () => import('./pages/rescue-form-page').then((m) => m.RescueFormPage),
      },
    ],
  },
];

/** Rescued children: police see theirs, NGO caseworkers the children in their care, the lab an outline. */
export const rescuedChildrenRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('rescues')],
    canMatch: [abilityGuard],
    data: { can: ['read', 'RescuedChild'] },
    children: [
      { path: '', loadComponent: () => import('./pages/rescued-child-list-page').then((m) => m.RescuedChildListPage) },
      { path: ':id', loadComponent: () => import('./pages/rescued-child-detail-page').then((m) => m.RescuedChildDetailPage) },
    ],
  },
];
