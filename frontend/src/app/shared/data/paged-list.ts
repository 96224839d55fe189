import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { PageEvent } from '@angular/material/paginator';
import { ProblemService } from '@hw/core/auth/problem.service';
import type { Observable, Subscription } from 'rxjs';

/** The paging the API's list endpoints take (`page` counts from 1). */
export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The state of a list paged on the server: the page shown, whether it is loading, and the paginator's
 * position. `fetch` builds the request from the component's filters and the paging; a newer load
 * replaces one still running, and a failure is shown by the ProblemService. Call in an injection context;
 * the page keeps the result as a protected field and its template reads `list.page()`, `list.loading()`
 * and binds the paginator to `list.pageIndex()`, `list.pageSize()` and `list.onPage($event)`.
 */
export function pagedList<P>(fetch: (paging: Paging) => Observable<P>) {
  const problems = inject(ProblemService);
  const destroyRef = inject(DestroyRef);
  const page = signal<P | null>(null);
  const loading = signal(true);
  const pageIndex = signal(0);
  const pageSize = signal(25);
  let running: Subscription | undefined;

  const load = (): void => {
    loading.set(true);
    running?.unsubscribe();
    running = fetch({ page: pageIndex() + 1, pageSize: pageSize() })
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (result) => {
          page.set(result);
          loading.set(false);
        },
        error: (error: unknown) => {
          loading.set(false);
          problems.show(error);
        },
      });
  };

  return {
    page: page.asReadonly(),
    loading: loading.asReadonly(),
    pageIndex: pageIndex.asReadonly(),
    pageSize: pageSize.asReadonly(),
    /** Fetches the current page again (after an action changed a row). */
    load,
    /** Back to the first page and fetch: the filters changed. */
    firstPage(): void {
      pageIndex.set(0);
      load();
    },
    /** The paginator moved. */
    onPage(event: PageEvent): void {
      pageIndex.set(event.pageIndex);
      pageSize.set(event.pageSize);
      load();
    },
  };
}
