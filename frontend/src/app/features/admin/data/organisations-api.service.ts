import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type OrganisationKind = Schemas['OrganisationDto']['kind'];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['police', 'ngo', 'lab', 'government'];

@Injectable({ providedIn: 'root' })
export class OrganisationsApiService {
  private readonly http = inject(HttpClient);

  list(query: { page: number; pageSize: number; kind?: OrganisationKind | ''; jurisdictionCode?: string }) {
    return this.http.get<Schemas['OrganisationPageDto']>(`${API}/organisations`, { params: queryParams({ ...query }) });
  }

  create(body: Schemas['CreateOrganisationDto']) {
    return this.http.post<Schemas['OrganisationDto']>(`${API}/organisations`, body);
  }

  update(id: string, body: Schemas['UpdateOrganisationDto']) {
    return this.http.patch<Schemas['OrganisationDto']>(`${API}/organisations/${encodeURIComponent(id)}`, body);
  }
}
