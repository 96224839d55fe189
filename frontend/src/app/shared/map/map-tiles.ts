import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type * as Leaflet from 'leaflet';
import { catchError, firstValueFrom, of, shareReplay } from 'rxjs';
import { API } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type MapConfig = Schemas['MapConfigDto'];

/** OpenStreetMap, as the server defaults to; used when the server cannot be asked (offline). */
export const DEFAULT_MAP_CONFIG: MapConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
};

/** Closest zoom offered (street level); set on the maps too, since offline there is no tile layer to say it. */
export const MAX_ZOOM = 19;

/** Leaflet itself, loaded only by the pages that show a map. */
export async function loadLeaflet(): Promise<typeof Leaflet> {
  return (await import('leaflet')).default;
}

/** Where map tiles come from (the server's MAP_TILE_URL), asked once per page load; no account needed. */
@Injectable({ providedIn: 'root' })
export class MapTilesService {
  private readonly config$ = inject(HttpClient)
    .get<MapConfig>(`${API}/public/map`)
    .pipe(
      catchError(() => of(DEFAULT_MAP_CONFIG)),
      shareReplay(1),
    );

  config(): Promise<MapConfig> {
    return firstValueFrom(this.config$);
  }

  /**
   * Adds the configured tiles to a map. Without tiles (offline, or the tile server refuses) the map
   * keeps its plain background and its markers; `onFailure` lets the page say so.
   */
  async addTo(L: typeof Leaflet, map: Leaflet.Map, onFailure: () => void): Promise<void> {
    const { tileUrl, attribution } = await this.config();
    L.tileLayer(tileUrl, { maxZoom: MAX_ZOOM, attribution }).on('tileerror', onFailure).addTo(map);
  }
}
