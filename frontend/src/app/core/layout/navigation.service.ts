import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { forkJoin, map, switchMap } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import { NAVIGATION, NAVIGATION_SCOPES, visibleNavigation } from './navigation';
import type { NavigationEntry } from './navigation';

export interface VisibleEntry extends NavigationEntry {
  label: string;
}

/**
 * The navigation this user may see, with labels in the active language. The labels live in the
 * features' Transloco scopes, which are loaded here for the active language.
 */
@Injectable({ providedIn: 'root' })
export class NavigationService {
  private readonly ability = inject(AbilityService);
  private readonly transloco = inject(TranslocoService);

  private readonly labelsLoadedFor = toSignal(
    this.transloco.langChanges$.pipe(
      switchMap((lang) => forkJoin(NAVIGATION_SCOPES.map((scope) => this.transloco.load(`${scope}/${lang}`))).pipe(map(() => lang))),
    ),
    { initialValue: null },
  );

  readonly entries = computed<VisibleEntry[]>(() => {
    const lang = this.labelsLoadedFor();
    return visibleNavigation(NAVIGATION, (check) => this.ability.allows(check)).map((entry) => ({
      ...entry,
      label: lang ? this.transloco.translate(entry.labelKey, {}, lang) : '',
    }));
  });
}
