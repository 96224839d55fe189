import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';
import { JurisdictionsApiService } from './jurisdictions-api.service';
import type { JurisdictionDto } from './jurisdictions-api.service';
import { OrganisationsApiService } from './organisations-api.service';

/** Options for organisation and jurisdiction pickers (call in an injection context). */
export function referenceData() {
  const organisations = toSignal(
    inject(OrganisationsApiService)
      .list({ page: 1, pageSize: 100 })
      .pipe(
        map((page) => page.items),
        catchError(() => of([])),
      ),
    { initialValue: [] },
  );
  const jurisdictions = toSignal(
    inject(JurisdictionsApiService)
      .list()
      .pipe(
        map((items) => [...items].sort((a, b) => a.path.localeCompare(b.path))),
        catchError(() => of([] as JurisdictionDto[])),
      ),
    { initialValue: [] as JurisdictionDto[] },
  );
  return { organisations, jurisdictions };
}

/** Indentation of a jurisdiction in a flat picker. */
export function depthOf(j: JurisdictionDto): number {
  return Math.max(0, j.path.split('/').filter(Boolean).length - 1);
}
