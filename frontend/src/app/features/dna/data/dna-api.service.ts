import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type Sample = Schemas['SampleDto'];
export type SampleDetail = Schemas['SampleDetailDto'];
export type ProfileImport = Schemas['ProfileImportDto'];
export type FrequencyTable = Schemas['FrequencyTableDto'];
export type FrequencyTableDetail = Schemas['FrequencyTableDetailDto'];
export type Match = Schemas['MatchDto'];
export type MatchDetail = Schemas['MatchDetailDto'];
export type KinshipRequest = Schemas['KinshipCalculateRequestDto'];
export const CUSTODY_EVENTS = [
  'collected',
  'sealed',
  'shipped',
  'received',
  'profiled',
  'stored',
  'destroyed',
] as const;
export const MATCH_STATUSES = [
  'candidate',
  'proposed',
  'confirmed',
  'rejected',
] as const;

/** The DNA API (issue 4): samples, profile imports, frequency tables, matches, the calculator. */
@Injectable({ providedIn: 'root' })
export class DnaApiService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API}/dna`;

  samples(query: {
    page: number;
    pageSize: number;
    kind?: string;
    barcode?: string;
  }) {
    return this.http.get<Schemas['SamplePageDto']>(`${this.base}/samples`, {
      params: queryParams({ ...query }),
    });
  }

  sample(id: string) {
    return this.http.get<SampleDetail>(
      `${this.base}/samples/${encodeURIComponent(id)}`,
    );
  }

  createSample(body: Schemas['CreateSampleDto']) {
    return this.http.post<SampleDetail>(`${this.base}/samples`, body);
  }

  /** Files to link a family reference to, by case number or the child's name. */
  findCases(q: string) {
    return this.http.get<Schemas['CasePageDto']>(`${API}/cases`, {
      params: queryParams({ q, page: 1, pageSize: 10 }),
    });
  }

  /** Organisations that may have collected a sample (everyone may read the list). */
  organisations() {
    return this.http.get<Schemas['OrganisationPageDto']>(
      `${API}/organisations`,
      {
        params: queryParams({ page: 1, pageSize: 100 }),
      },
    );
  }

  addCustodyEvent(id: string, body: Schemas['AddCustodyEventDto']) {
    return this.http.post<SampleDetail>(
      `${this.base}/samples/${encodeURIComponent(id)}/custody-events`,
      body,
    );
  }

  validateImport(body: Schemas['CreateProfileImportDto']) {
    return this.http.post<ProfileImport>(`${this.base}/profiles/imports`, body);
  }

  importStatus(id: string) {
    return this.http.get<ProfileImport>(
      `${this.base}/profiles/imports/${encodeURIComponent(id)}`,
    );
  }

  commitImport(id: string) {
    return this.http.post<ProfileImport>(
      `${this.base}/profiles/imports/${encodeURIComponent(id)}/commit`,
      {},
    );
  }

  /** One profile typed in by hand (the generated type cannot express the `loci` map). */
  createProfile(
    body: Omit<Schemas['CreateProfileDto'], 'loci'> & {
      loci: Record<string, string[]>;
    },
  ) {
    return this.http.post<Schemas['ProfileDetailDto']>(
      `${this.base}/profiles`,
      body,
    );
  }

  frequencyTable(id: string) {
    return this.http.get<FrequencyTableDetail>(
      `${this.base}/frequency-tables/${encodeURIComponent(id)}`,
    );
  }

  frequencyTables() {
    return this.http.get<FrequencyTable[]>(`${this.base}/frequency-tables`);
  }

  matches(query: { page: number; pageSize: number; status?: string }) {
    return this.http.get<Schemas['MatchPageDto']>(`${this.base}/matches`, {
      params: queryParams({ ...query }),
    });
  }

  match(id: string) {
    return this.http.get<MatchDetail>(
      `${this.base}/matches/${encodeURIComponent(id)}`,
    );
  }

  propose(id: string, note: string) {
    return this.http.post<Match>(
      `${this.base}/matches/${encodeURIComponent(id)}/propose`,
      { note: note || undefined },
    );
  }

  confirm(id: string, note: string) {
    return this.http.post<Match>(
      `${this.base}/matches/${encodeURIComponent(id)}/confirm`,
      { note: note || undefined },
    );
  }

  reject(id: string, reason: string) {
    return this.http.post<Match>(
      `${this.base}/matches/${encodeURIComponent(id)}/reject`,
      { reason },
    );
  }

  calculate(body: unknown) {
    return this.http.post<Schemas['KinshipCalculateResponseDto']>(
      `${this.base}/kinship/calculate`,
      body,
    );
  }
}
