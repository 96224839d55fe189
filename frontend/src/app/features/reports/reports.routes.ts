import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Reports: PDF report jobs and (for those who may) CSV/XLSX exports. */
export const reportsRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('reports')],
    canMatch: [abilityGuard],
    data: { can: ['create', 'Report'] },
    loadComponent: () => import('./pages/reports-page').then((m) => m.ReportsPage),
  },
];
