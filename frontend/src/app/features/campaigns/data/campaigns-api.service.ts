import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type Campaign = Schemas['CampaignDto'];
export type CampaignDetail = Schemas['CampaignDetailDto'];
export type CampaignRecord = Schemas['CampaignRecordDto'];
export type CampaignRecordType = CampaignRecord['recordType'];
export type CreateCampaign = Schemas['CreateCampaignDto'];
export type UpdateCampaign = Schemas['UpdateCampaignDto'];
export const RECORD_TYPES: readonly CampaignRecordType[] = ['case', 'sighting', 'rescue'];

@Injectable({ providedIn: 'root' })
export class CampaignsApiService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API}/campaigns`;

  list(query: { q?: string; page: number; pageSize: number }) {
    return this.http.get<Schemas['CampaignPageDto']>(this.base, { params: queryParams({ ...query }) });
  }

  get(id: string) {
    return this.http.get<CampaignDetail>(`${this.base}/${encodeURIComponent(id)}`);
  }

  create(body: CreateCampaign) {
    return this.http.post<Campaign>(this.base, body);
  }

  update(id: string, body: UpdateCampaign) {
    return this.http.patch<Campaign>(`${this.base}/${encodeURIComponent(id)}`, body);
  }

  records(id: string, query: { recordType?: CampaignRecordType; excluded?: boolean; page: number; pageSize: number }) {
    return this.http.get<Schemas['CampaignRecordPageDto']>(`${this.base}/${encodeURIComponent(id)}/records`, {
      params: queryParams({ ...query, excluded: query.excluded ? 'true' : undefined }),
    });
  }

  addRecord(id: string, recordType: CampaignRecordType, recordId: string) {
    return this.http.post<void>(`${this.base}/${encodeURIComponent(id)}/records`, { recordType, recordId });
  }

  removeRecord(id: string, recordType: CampaignRecordType, recordId: string) {
    return this.http.delete<void>(
      `${this.base}/${encodeURIComponent(id)}/records/${recordType}/${encodeURIComponent(recordId)}`,
    );
  }

  /** The id of the file with exactly this number, if the user can see it. */
  findCaseByNumber(caseNumber: string) {
    return this.http.get<{ items: { id: string; caseNumber: string }[] }>(`${API}/cases`, {
      params: queryParams({ q: caseNumber, page: 1, pageSize: 5 }),
    });
  }
}
