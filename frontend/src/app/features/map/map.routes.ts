import { inject } from '@angular/core';
import type { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';

/** The map of last-seen places and sightings: for whoever may read files or sightings. */
export const mapRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('map', 'sightings')],
    canMatch: [
      () => {
        const ability = inject(AbilityService);
        return ability.can('read', 'Case') || ability.can('read', 'Sighting');
      },
    ],
    loadComponent: () => import('./pages/map-page').then((m) => m.MapPage),
  },
];
