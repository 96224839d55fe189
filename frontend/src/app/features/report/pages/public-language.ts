import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import {
  LANGUAGE_STORAGE_KEY,
  LanguageService,
} from '@hw/core/i18n/language.service';

/** The public pages speak Chinese unless this phone chose English before (the choice is not stored). */
export function chineseUnlessChosen(): void {
  const document = inject(DOCUMENT);
  const language = inject(LanguageService);
  const transloco = inject(TranslocoService);
  let stored: string | null = null;
  try {
    stored =
      document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (stored) return;
  language.current.set('zh-CN');
  transloco.setActiveLang('zh-CN');
  document.documentElement.lang = 'zh-CN';
}
