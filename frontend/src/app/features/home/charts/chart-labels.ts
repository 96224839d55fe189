import { computed, inject } from '@angular/core';
import type { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { forkJoin, map, switchMap } from 'rxjs';

type Params = Record<string, unknown>;

export interface Labels {
  lang: string;
  t: (key: string, params?: Params) => string;
}

/**
 * A translate function for chart labels (ECharts draws text itself, outside the translate pipe).
 * It changes, as a signal, when the language changes and the scopes are loaded in the new one, so
 * a chart built in a `computed` redraws in the reader's language. null until the first load.
 */
export function chartLabels(scopes: readonly string[]): Signal<Labels | null> {
  const transloco = inject(TranslocoService);
  const lang = toSignal(
    transloco.langChanges$.pipe(
      switchMap((l) =>
        forkJoin(scopes.map((scope) => transloco.load(`${scope}/${l}`))).pipe(
          map(() => l),
        ),
      ),
    ),
    { initialValue: null },
  );
  return computed(() => {
    const l = lang();
    return l
      ? {
          lang: l,
          t: (key: string, params?: Params) =>
            transloco.translate(key, params, l),
        }
      : null;
  });
}
