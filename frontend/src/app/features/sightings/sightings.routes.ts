import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { abilityGuard } from '@hw/core/access/ability.guard';

/** Sightings: the triage queue and the side-by-side comparison with candidate files. */
export const sightingsRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('sightings')],
    canMatch: [abilityGuard],
    data: { can: ['read', 'Sighting'] },
    children: [
      {
        path: '',
        loadComponent: () =>
          import('./pages/sighting-list-page').then((m) => m.SightingListPage),
      },
      {
        path: ':id',
        loadComponent: () =>
          import('./pages/sighting-detail-page').then(
            (m) => m.SightingDetailPage,
          ),
      },
    ],
  },
];
