import { HttpClient, HttpEventType, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, filter, map } from 'rxjs';
import { API } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type SightingReceipt = Schemas['PublicSightingReceiptDto'];
export type PublicStatus = Schemas['PublicSightingStatusDto']['status'];

/** Upload progress (0..1) while sending, then the receipt. */
export type SubmitEvent =
  | { kind: 'progress'; fraction: number }
  | { kind: 'done'; receipt: SightingReceipt };

/** The citizen's side of sightings: no account, no token. */
@Injectable({ providedIn: 'root' })
export class ReportApiService {
  private readonly http = inject(HttpClient);

  submit(form: FormData, idempotencyKey: string): Observable<SubmitEvent> {
    return this.http
      .post<SightingReceipt>(`${API}/public/sightings`, form, {
        headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event): SubmitEvent | null => {
          if (event.type === HttpEventType.UploadProgress)
            return {
              kind: 'progress',
              fraction: event.total ? event.loaded / event.total : 0,
            };
          if (event.type === HttpEventType.Response && event.body)
            return { kind: 'done', receipt: event.body };
          return null;
        }),
        filter((event): event is SubmitEvent => event !== null),
      );
  }

  status(receipt: string) {
    return this.http.get<Schemas['PublicSightingStatusDto']>(
      `${API}/public/sightings/${encodeURIComponent(receipt)}`,
    );
  }
}
