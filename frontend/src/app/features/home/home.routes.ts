import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

export const homeRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    providers: [provideTranslocoScope('home')],
    loadComponent: () => import('./pages/home/home-page').then((m) => m.HomePage),
  },
];
