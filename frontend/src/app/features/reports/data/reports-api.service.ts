import { HttpClient, HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { catchError, from, map, type Observable, switchMap, throwError } from 'rxjs';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type ReportJob = Schemas['ReportJobDto'];
export type CreateReport = Schemas['CreateReportDto'];
export type Campaign = Schemas['CampaignDto'];
export const EXPORT_KINDS = ['cases', 'sightings', 'rescues', 'reunions', 'statistics'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'csv' | 'xlsx';

/** A file received from the API, ready to hand to the browser. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

@Injectable({ providedIn: 'root' })
export class ReportsApiService {
  private readonly http = inject(HttpClient);

  list() {
    return this.http.get<Schemas['ReportJobListDto']>(`${API}/reports`);
  }

  get(id: string) {
    return this.http.get<ReportJob>(`${API}/reports/${encodeURIComponent(id)}`);
  }

  request(body: CreateReport) {
    return this.http.post<ReportJob>(`${API}/reports`, body);
  }

  /** The campaigns a report can be made of (newest first; the first hundred are plenty for a picker). */
  campaigns() {
    return this.http.get<Schemas['CampaignPageDto']>(`${API}/campaigns`, { params: { page: 1, pageSize: 100 } }).pipe(map((page) => page.items));
  }

  /** The PDF, through the API (the session's token is sent by the interceptor, so a plain link would not do). */
  file(id: string): Observable<DownloadedFile> {
    return this.download(this.http.get(`${API}/reports/${encodeURIComponent(id)}/file`, { responseType: 'blob', observe: 'response' }), 'report.pdf');
  }

  export(kind: ExportKind, format: ExportFormat, language: string, filters: Record<string, string | undefined>): Observable<DownloadedFile> {
    return this.download(
      this.http.get(`${API}/exports/${kind}`, { params: queryParams({ ...filters, format, language }), responseType: 'blob', observe: 'response' }),
      `homeward-${kind}.${format}`,
    );
  }

  private download(response: Observable<HttpResponse<Blob>>, fallbackName: string): Observable<DownloadedFile> {
    return response.pipe(
      map((res) => ({ blob: res.body ?? new Blob(), fileName: fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName })),
      catchError((error: unknown) => from(withProblemBody(error)).pipe(switchMap((e) => throwError(() => e)))),
    );
  }
}

/** A blob request's error body is a Blob: read it as the problem JSON so the usual messages apply. */
async function withProblemBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body: unknown = JSON.parse(await error.error.text());
    return new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  } catch {
    return error;
  }
}

/** The file name of an `attachment; filename="…"` header. */
export function fileNameOf(contentDisposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(contentDisposition ?? '');
  return match ? match[1] : null;
}

/** Hands a received file to the browser as a download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
