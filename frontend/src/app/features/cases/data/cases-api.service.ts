import { HttpClient } from '@angular/common/http';
import type { HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type CaseDto = Schemas['CaseDto'];
export type CaseSummaryDto = Schemas['CaseSummaryDto'];
export type CaseStatus = NonNullable<CaseDto['status']>;
export type CasePriority = NonNullable<CaseDto['priority']>;
export type ChildSex = CaseDto['child']['sex'];

export const CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'sighted',
  'located',
  'rescued',
  'reunited',
  'closed',
];
export const CASE_PRIORITIES: readonly CasePriority[] = [
  'low',
  'normal',
  'high',
  'urgent',
];
export const CHILD_SEXES: readonly ChildSex[] = ['male', 'female', 'unknown'];
/** The list columns the server sorts by (its allow-list), keyed by column name. */
export const SORTABLE_COLUMNS: Readonly<Record<string, string>> = {
  caseNumber: 'caseNumber',
  child: 'childName',
  age: 'age',
  status: 'status',
  priority: 'priority',
  lastSeenAt: 'lastSeenAt',
  createdAt: 'createdAt',
};

export interface CaseQuery {
  q?: string;
  status?: string;
  sex?: ChildSex;
  ageMin?: number;
  ageMax?: number;
  lastSeenFrom?: string;
  lastSeenTo?: string;
  assignedOfficerId?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class CasesApiService {
  private readonly http = inject(HttpClient);

  list(query: CaseQuery) {
    return this.http.get<Schemas['CasePageDto']>(`${API}/cases`, {
      params: queryParams({ ...query }),
    });
  }

  get(id: string) {
    return this.http.get<CaseDto>(`${API}/cases/${encodeURIComponent(id)}`);
  }

  create(body: Schemas['CreateCaseDto']) {
    return this.http.post<CaseDto>(`${API}/cases`, body);
  }

  timeline(id: string) {
    return this.http.get<Schemas['CaseTimelineDto']>(
      `${API}/cases/${encodeURIComponent(id)}/timeline`,
    );
  }

  changeStatus(id: string, body: Schemas['ChangeCaseStatusDto']) {
    return this.http.post<CaseDto>(
      `${API}/cases/${encodeURIComponent(id)}/status`,
      body,
    );
  }

  assign(id: string, body: Schemas['AssignCaseDto']) {
    return this.http.post<CaseDto>(
      `${API}/cases/${encodeURIComponent(id)}/assignment`,
      body,
    );
  }

  share(id: string, body: Schemas['ShareCaseDto']) {
    return this.http.post<CaseDto>(
      `${API}/cases/${encodeURIComponent(id)}/sharing`,
      body,
    );
  }

  photos(id: string) {
    return this.http.get<Schemas['AttachmentListDto']>(`${API}/attachments`, {
      params: { entityType: 'case', entityId: id },
    });
  }

  uploadPhoto(
    id: string,
    file: File,
  ): Observable<HttpEvent<Schemas['AttachmentDto']>> {
    const body = new FormData();
    body.append('entityType', 'case');
    body.append('entityId', id);
    body.append('file', file);
    return this.http.post<Schemas['AttachmentDto']>(
      `${API}/attachments`,
      body,
      { reportProgress: true, observe: 'events' },
    );
  }

  deletePhoto(attachmentId: string) {
    return this.http.delete<void>(
      `${API}/attachments/${encodeURIComponent(attachmentId)}`,
    );
  }

  sightings(caseId: string) {
    return this.http.get<Schemas['SightingPageDto']>(`${API}/sightings`, {
      params: { caseId, pageSize: 50 },
    });
  }

  officers() {
    return this.http.get<Schemas['UserPageDto']>(`${API}/users`, {
      params: { role: 'officer', pageSize: 100 },
    });
  }

  ngos() {
    return this.http.get<Schemas['OrganisationPageDto']>(
      `${API}/organisations`,
      { params: { kind: 'ngo', pageSize: 100 } },
    );
  }

  jurisdictions() {
    return this.http.get<Schemas['JurisdictionDto'][]>(`${API}/jurisdictions`);
  }
}
