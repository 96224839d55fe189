import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { provideEchartsCore } from 'ngx-echarts';

export const homeRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    providers: [
      provideTranslocoScope('home', 'cases', 'dna'),
      provideEchartsCore({
        echarts: () => import('./charts/echarts').then((m) => m.echarts),
      }),
    ],
    loadComponent: () =>
      import('./pages/home/home-page').then((m) => m.HomePage),
  },
];
