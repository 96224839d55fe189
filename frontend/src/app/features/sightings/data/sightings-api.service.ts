import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type Sighting = Schemas['SightingDto'];
export type SightingDetail = Schemas['SightingDetailDto'];
export type SightingCandidate = Schemas['SightingCandidateDto'];
export type MatchReason = Schemas['MatchReasonDto'];
export type SightingStatus = Sighting['status'];
export const SIGHTING_STATUSES: readonly SightingStatus[] = [
  'new',
  'triaged',
  'linked',
  'dismissed',
  'duplicate',
];

export interface SightingQuery {
  status?: SightingStatus;
  seenFrom?: string;
  seenTo?: string;
  caseId?: string;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class SightingsApiService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API}/sightings`;

  list(query: SightingQuery) {
    return this.http.get<Schemas['SightingPageDto']>(this.base, {
      params: queryParams({ ...query }),
    });
  }

  get(id: string) {
    return this.http.get<SightingDetail>(
      `${this.base}/${encodeURIComponent(id)}`,
    );
  }

  reporterContact(id: string) {
    return this.http.get<Schemas['ReporterContactDto']>(
      `${this.base}/${encodeURIComponent(id)}/reporter-contact`,
    );
  }

  triage(id: string, version: number) {
    return this.http.post<Sighting>(
      `${this.base}/${encodeURIComponent(id)}/triage`,
      { version },
    );
  }

  link(id: string, caseId: string, version: number, note?: string) {
    return this.http.post<Sighting>(
      `${this.base}/${encodeURIComponent(id)}/link`,
      { caseId, version, note: note || undefined },
    );
  }

  dismiss(id: string, reason: string, version: number) {
    return this.http.post<Sighting>(
      `${this.base}/${encodeURIComponent(id)}/dismiss`,
      { reason, version },
    );
  }

  duplicate(id: string, ofSightingId: string, version: number) {
    return this.http.post<Sighting>(
      `${this.base}/${encodeURIComponent(id)}/duplicate`,
      { ofSightingId, version },
    );
  }
}
