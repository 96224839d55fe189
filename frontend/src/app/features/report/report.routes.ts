import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/** The public pages: report a sighting without an account, check its status with the receipt. */
export const reportRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('report')],
    children: [
      {
        path: '',
        loadComponent: () =>
          import('./pages/report-page').then((m) => m.ReportPage),
      },
      {
        path: 'status/:receipt',
        loadComponent: () =>
          import('./pages/report-status-page').then((m) => m.ReportStatusPage),
      },
      {
        path: 'status',
        loadComponent: () =>
          import('./pages/report-status-page').then((m) => m.ReportStatusPage),
      },
    ],
  },
];
