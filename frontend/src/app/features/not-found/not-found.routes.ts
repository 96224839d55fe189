import type { Route } from '@angular/router';

export const notFoundRoutes: Route[] = [
  {
    path: '**',
    loadComponent: () => import('./pages/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
