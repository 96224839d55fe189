import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'homeward.language';

/** The language to start in: the one chosen before, else Chinese for a Chinese browser, else English. */
export function initialLanguage(stored: string | null, browserLanguage: string | undefined): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return browserLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  readonly current = signal<Language>('en');

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }

  /** Picks the start language; returns it so the app can preload its translations. */
  init(): Language {
    const lang = initialLanguage(this.storage()?.getItem(LANGUAGE_STORAGE_KEY) ?? null, this.document.defaultView?.navigator.language);
    this.apply(lang);
    return lang;
  }

  use(lang: Language): void {
    this.storage()?.setItem(LANGUAGE_STORAGE_KEY, lang);
    this.apply(lang);
  }

  private apply(lang: Language): void {
    this.current.set(lang);
    this.transloco.setActiveLang(lang);
    this.document.documentElement.lang = lang;
  }
}
