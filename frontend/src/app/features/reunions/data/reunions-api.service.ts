import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type Reunion = Schemas['ReunionDto'];
export type ReunionSummary = Schemas['ReunionSummaryDto'];
export type ReunionStatus = ReunionSummary['status'];
export type FollowUp = Schemas['FollowUpDto'];
export type FollowUpItem = Schemas['FollowUpListItemDto'];
export type FollowUpState = FollowUp['state'];
export type EvidenceMatch = Schemas['EvidenceMatchDto'];
export type CreateReunion = Schemas['CreateReunionDto'];
export type RecordFollowUp = Schemas['RecordFollowUpDto'];
export type RescuedChild = Schemas['RescuedChildDto'];

export const REUNION_STATUSES: readonly ReunionStatus[] = ['pending_sign_off', 'verified', 'rejected'];
export const FOLLOW_UP_LIST_STATES: readonly FollowUpState[] = ['overdue', 'due', 'done'];
export const WELLBEING_LEVELS: readonly NonNullable<FollowUp['wellbeing']>[] = ['good', 'fair', 'poor', 'at_risk'];
export const RISK_FLAGS: readonly FollowUp['riskFlags'][number][] = [
  'not_in_school',
  'signs_of_neglect',
  'signs_of_abuse',
  'family_conflict',
  'economic_hardship',
  'health_concern',
  'contact_with_traffickers',
  'ran_away',
];

/** Family reunions, their evidence and follow-up visits. */
@Injectable({ providedIn: 'root' })
export class ReunionsApiService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API}/reunions`;

  list(query: { status?: ReunionStatus; caseId?: string; page: number; pageSize: number }) {
    return this.http.get<Schemas['ReunionPageDto']>(this.base, { params: queryParams({ ...query }) });
  }

  get(id: string) {
    return this.http.get<Reunion>(`${this.base}/${encodeURIComponent(id)}`);
  }

  create(body: CreateReunion) {
    return this.http.post<Reunion>(this.base, body);
  }

  signOff(id: string, decision: 'verify' | 'reject', note?: string) {
    return this.http.post<Reunion>(`${this.base}/${encodeURIComponent(id)}/sign-off`, { decision, note });
  }

  recordFollowUp(id: string, followUpId: string, body: RecordFollowUp) {
    return this.http.put<FollowUp>(`${this.base}/${encodeURIComponent(id)}/follow-ups/${encodeURIComponent(followUpId)}`, body);
  }

  followUps(query: { status?: FollowUpState; page: number; pageSize: number }) {
    return this.http.get<Schemas['FollowUpPageDto']>(`${this.base}/follow-ups`, { params: queryParams({ ...query }) });
  }

  /** Confirmed DNA matches usable as evidence (no DNA data: number and date only). */
  evidence(query: { caseId?: string; rescuedChildId?: string }) {
    return this.http.get<Schemas['EvidenceListDto']>(`${this.base}/evidence`, { params: queryParams({ ...query }) });
  }

  /** Children still in care that the caller may see (an NGO: those placed with it). */
  childrenInCare() {
    return this.http.get<{ items: RescuedChild[] }>(`${API}/rescued-children`, { params: queryParams({ status: 'in_care', pageSize: 100, page: 1 }) });
  }

  /** The file's number, for police opening the form from a file. */
  caseNumber(id: string) {
    return this.http.get<Pick<Schemas['CaseDto'], 'caseNumber'>>(`${API}/cases/${encodeURIComponent(id)}`);
  }

  rescuedChild(id: string) {
    return this.http.get<RescuedChild>(`${API}/rescued-children/${encodeURIComponent(id)}`);
  }
}
