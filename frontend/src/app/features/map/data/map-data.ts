import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';
import { API, queryParams } from '@hw/core/api/api';
import type { Page, Schemas } from '@hw/core/api/api';

/** A point on the map: a file's last-seen place or a sighting. */
export interface MapPoint {
  kind: 'case' | 'sighting';
  id: string;
  lat: number;
  lng: number;
  label: string;
  status: string;
  at: string | null;
  place: string | null;
}

/** At most this many of each kind on the map (pages of 100). */
export const MAX_POINTS = 1000;

export function casePoints(items: Schemas['CaseSummaryDto'][]): MapPoint[] {
  return items
    .filter((c) => typeof c.lastSeenLat === 'number' && typeof c.lastSeenLng === 'number')
    .map((c) => ({
      kind: 'case',
      id: c.id,
      lat: c.lastSeenLat as number,
      lng: c.lastSeenLng as number,
      label: `${c.caseNumber} · ${c.childName}`,
      status: c.status ?? 'open',
      at: c.lastSeenAt ?? null,
      place: c.lastSeenPlace ?? null,
    }));
}

export function sightingPoints(items: Schemas['SightingDto'][]): MapPoint[] {
  return items.map((s) => ({
    kind: 'sighting',
    id: s.id,
    lat: s.latitude,
    lng: s.longitude,
    label: s.placeText ?? s.jurisdictionName,
    status: s.status,
    at: s.seenAt,
    place: s.placeText,
  }));
}

@Injectable({ providedIn: 'root' })
export class MapDataService {
  private readonly http = inject(HttpClient);

  private all<T>(url: string, params: Record<string, string | undefined>): Observable<T[]> {
    const fetch = (page: number) => this.http.get<Page<T>>(url, { params: queryParams({ ...params, page, pageSize: 100 }) });
    return fetch(1).pipe(
      expand((p) => (p.page * p.pageSize < Math.min(p.total, MAX_POINTS) ? fetch(p.page + 1) : EMPTY)),
      reduce((items: T[], p) => items.concat(p.items), []),
    );
  }

  cases(status: string | undefined, from: string | undefined) {
    return this.all<Schemas['CaseSummaryDto']>(`${API}/cases`, { status, lastSeenFrom: from }).pipe(map(casePoints));
  }

  sightings(status: string | undefined, from: string | undefined) {
    return this.all<Schemas['SightingDto']>(`${API}/sightings`, { status, seenFrom: from }).pipe(map(sightingPoints));
  }
}
