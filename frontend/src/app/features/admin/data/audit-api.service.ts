import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type AuditOutcome = Schemas['AuditEventDto']['outcome'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery) {
    return this.http.get<Schemas['AuditEventPageDto']>(`${API}/audit`, { params: queryParams({ ...query }) });
  }

  verify() {
    return this.http.get<Schemas['AuditVerificationDto']>(`${API}/audit/verify`);
  }
}
