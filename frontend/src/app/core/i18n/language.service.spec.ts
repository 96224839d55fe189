import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { LANGUAGE_STORAGE_KEY, LanguageService, initialLanguage } from './language.service';

describe('initialLanguage', () => {
  it('prefers the language chosen before', () => {
    expect(initialLanguage('en', 'zh-CN')).toBe('en');
    expect(initialLanguage('zh-CN', 'en-GB')).toBe('zh-CN');
  });

  it('is Chinese for any Chinese browser, else English', () => {
    expect(initialLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(initialLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(initialLanguage(null, 'zh')).toBe('zh-CN');
    expect(initialLanguage(null, 'en-US')).toBe('en');
    expect(initialLanguage(null, 'fr')).toBe('en');
    expect(initialLanguage('klingon', undefined)).toBe('en');
  });
});

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en: { hello: 'Hello' }, 'zh-CN': { hello: '你好' } },
          translocoConfig: { availableLangs: ['zh-CN', 'en'], defaultLang: 'en' },
          preloadLangs: true,
        }),
      ],
    });
  });

  it('switches Transloco, <html lang> and remembers the choice', () => {
    const language = TestBed.inject(LanguageService);
    const transloco = TestBed.inject(TranslocoService);
    language.use('zh-CN');
    expect(transloco.getActiveLang()).toBe('zh-CN');
    expect(transloco.translate('hello')).toBe('你好');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(language.current()).toBe('zh-CN');

    language.use('en');
    expect(transloco.translate('hello')).toBe('Hello');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });

  it('starts in the remembered language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'zh-CN');
    expect(TestBed.inject(LanguageService).init()).toBe('zh-CN');
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('zh-CN');
  });
});
