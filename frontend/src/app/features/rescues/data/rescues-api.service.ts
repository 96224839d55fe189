import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type Rescue = Schemas['RescueDto'];
export type RescueSummary = Schemas['RescueSummaryDto'];
export type RescuedChild = Schemas['RescuedChildDto'];
export type CreateRescue = Schemas['CreateRescueDto'];
export type UpdateRescue = Schemas['UpdateRescueDto'];
export type AddRescuedChild = Schemas['AddRescuedChildDto'];
export type Placement = Schemas['PlacementDto'];
export type StartDnaSample = Schemas['StartDnaSampleDto'];
export type CareUpdate = Schemas['UpdateRescuedChildDto'];

/** Rescue operations and rescued children (issue 5 §1). */
@Injectable({ providedIn: 'root' })
export class RescuesApiService {
  private readonly http = inject(HttpClient);

  rescues(query: { page: number; pageSize: number; jurisdictionCode?: string; from?: string; to?: string; campaignId?: string }) {
    return this.http.get<Schemas['RescuePageDto']>(`${API}/rescues`, { params: queryParams({ ...query }) });
  }

  rescue(id: string) {
    return this.http.get<Rescue>(`${API}/rescues/${encodeURIComponent(id)}`);
  }

  createRescue(body: CreateRescue) {
    return this.http.post<Rescue>(`${API}/rescues`, body);
  }

  updateRescue(id: string, body: UpdateRescue) {
    return this.http.patch<Rescue>(`${API}/rescues/${encodeURIComponent(id)}`, body);
  }

  addChild(rescueId: string, body: AddRescuedChild) {
    return this.http.post<RescuedChild>(`${API}/rescues/${encodeURIComponent(rescueId)}/children`, body);
  }

  children(query: { page: number; pageSize: number; status?: string; identified?: string }) {
    return this.http.get<Schemas['RescuedChildPageDto']>(`${API}/rescued-children`, { params: queryParams({ ...query }) });
  }

  child(id: string) {
    return this.http.get<RescuedChild>(`${API}/rescued-children/${encodeURIComponent(id)}`);
  }

  updateChild(id: string, body: CareUpdate) {
    return this.http.patch<RescuedChild>(`${API}/rescued-children/${encodeURIComponent(id)}`, body);
  }

  place(id: string, body: Placement) {
    return this.http.put<RescuedChild>(`${API}/rescued-children/${encodeURIComponent(id)}/placement`, body);
  }

  startDnaSample(id: string, body: StartDnaSample) {
    return this.http.post<RescuedChild>(`${API}/rescued-children/${encodeURIComponent(id)}/dna-sample`, body);
  }

  photos(childId: string) {
    return this.http.get<Schemas['AttachmentListDto']>(`${API}/attachments`, { params: { entityType: 'rescued_child', entityId: childId } });
  }

  uploadPhoto(childId: string, file: File) {
    const body = new FormData();
    body.append('entityType', 'rescued_child');
    body.append('entityId', childId);
    body.append('file', file);
    return this.http.post<Schemas['AttachmentDto']>(`${API}/attachments`, body);
  }

  /** Files to identify a child by: case number or the child's name. */
  findCases(q: string) {
    return this.http.get<Schemas['CasePageDto']>(`${API}/cases`, { params: queryParams({ q, page: 1, pageSize: 10 }) });
  }

  /** Campaigns to tag a rescue to, or to filter by. */
  campaigns() {
    return this.http.get<Schemas['CampaignPageDto']>(`${API}/campaigns`, { params: queryParams({ page: 1, pageSize: 100 }) });
  }

  /** The NGOs a child may be placed with. */
  ngos() {
    return this.http.get<Schemas['OrganisationPageDto']>(`${API}/organisations`, { params: queryParams({ kind: 'ngo', page: 1, pageSize: 100 }) });
  }
}
