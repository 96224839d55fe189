import { isDevMode, provideAppInitializer, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LANGUAGES, LanguageService } from './language.service';
import { TranslatedPaginatorIntl } from './paginator-intl';
import { TranslocoHttpLoader } from './transloco-loader';

/** Transloco with zh-CN and en; the start language's global file is loaded before the first render. */
export function provideI18n() {
  return [
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: 'en',
        fallbackLang: 'en',
        reRenderOnLangChange: true,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    provideAppInitializer(() => {
      const lang = inject(LanguageService).init();
      return firstValueFrom(inject(TranslocoService).load(lang)).then(() => undefined);
    }),
  ];
}
