import type { Route } from '@angular/router';
import { signedInGuard } from '@hw/core/auth/auth.guard';
import { Shell } from '@hw/core/layout/shell';

/**
 * One line per feature, each lazy. Features inside the shell need a session; a route a user may not
 * open does not match (abilityGuard) and falls through to the not-found page.
 */
export const appRoutes: Route[] = [
  { path: 'auth', loadChildren: () => import('./features/auth/auth.routes').then((m) => m.authRoutes) },
  { path: 'report', loadChildren: () => import('./features/report/report.routes').then((m) => m.reportRoutes) },
  {
    path: '',
    component: Shell,
    canMatch: [signedInGuard],
    children: [
      { path: '', loadChildren: () => import('./features/home/home.routes').then((m) => m.homeRoutes) },
      { path: 'cases', loadChildren: () => import('./features/cases/cases.routes').then((m) => m.casesRoutes) },
      { path: 'sightings', loadChildren: () => import('./features/sightings/sightings.routes').then((m) => m.sightingsRoutes) },
      { path: 'map', loadChildren: () => import('./features/map/map.routes').then((m) => m.mapRoutes) },
      { path: 'rescues', loadChildren: () => import('./features/rescues/rescues.routes').then((m) => m.rescuesRoutes) },
      { path: 'rescued-children', loadChildren: () => import('./features/rescues/rescues.routes').then((m) => m.rescuedChildrenRoutes) },
      { path: 'dna', loadChildren: () => import('./features/dna/dna.routes').then((m) => m.dnaRoutes) },
      { path: 'reports', loadChildren: () => import('./features/reports/reports.routes').then((m) => m.reportsRoutes) },
      { path: 'campaigns', loadChildren: () => import('./features/campaigns/campaigns.routes').then((m) => m.campaignsRoutes) },
      { path: 'reunions', loadChildren: () => import('./features/reunions/reunions.routes').then((m) => m.reunionsRoutes) },
      { path: 'admin', loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes) },
      { path: '**', loadChildren: () => import('./features/not-found/not-found.routes').then((m) => m.notFoundRoutes) },
    ],
  },
  { path: '**', redirectTo: '/auth/sign-in' },
];
