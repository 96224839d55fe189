import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';
import { someoneInMyJurisdiction } from '@hw/core/access/permissions';

/** Administration: users, organisations, jurisdictions, audit log. Each page checks its own permission. */
export const adminRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('admin')],
    children: [
      {
        path: 'users',
        canMatch: [abilityGuard],
        data: { can: ['read', 'User'], where: someoneInMyJurisdiction },
        loadComponent: () => import('./pages/user-list/user-list-page').then((m) => m.UserListPage),
      },
      {
        path: 'users/new',
        canMatch: [abilityGuard],
        data: { can: ['create', 'User'] },
        loadComponent: () => import('./pages/user-create/user-create-page').then((m) => m.UserCreatePage),
      },
      {
        path: 'users/:id',
        canMatch: [abilityGuard],
        data: { can: ['read', 'User'], where: someoneInMyJurisdiction },
        loadComponent: () => import('./pages/user-detail/user-detail-page').then((m) => m.UserDetailPage),
      },
      {
        path: 'organisations',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Organisation'] },
        loadComponent: () => import('./pages/organisation-list/organisation-list-page').then((m) => m.OrganisationListPage),
      },
      {
        path: 'jurisdictions',
        canMatch: [abilityGuard],
        data: { can: ['create', 'Jurisdiction'] },
        loadComponent: () => import('./pages/jurisdiction-tree/jurisdiction-tree-page').then((m) => m.JurisdictionTreePage),
      },
      {
        path: 'audit',
        canMatch: [abilityGuard],
        data: { can: ['read', 'AuditEvent'] },
        loadComponent: () => import('./pages/audit-log/audit-log-page').then((m) => m.AuditLogPage),
      },
      { path: '', pathMatch: 'full', redirectTo: 'users' },
    ],
  },
];
