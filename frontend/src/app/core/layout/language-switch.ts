import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoPipe } from '@jsverse/transloco';
import { LANGUAGES, LanguageService } from '@hw/core/i18n/language.service';
import type { Language } from '@hw/core/i18n/language.service';

/** Toolbar menu to switch between 中文 and English; the choice is remembered on this device. */
@Component({
  selector: 'hw-language-switch',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslocoPipe],
  template: `
    <button mat-button type="button" [matMenuTriggerFor]="menu" [attr.aria-label]="'shell.language' | transloco">
      <mat-icon svgIcon="translate" />
      <span>{{ 'languages.' + language.current() | transloco }}</span>
    </button>
    <mat-menu #menu="matMenu">
      @for (lang of languages; track lang) {
        <button mat-menu-item type="button" [attr.lang]="lang" (click)="use(lang)">
          {{ 'languages.' + lang | transloco }}
        </button>
      }
    </mat-menu>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitch {
  protected readonly language = inject(LanguageService);
  protected readonly languages = LANGUAGES;

  protected use(lang: Language): void {
    this.language.use(lang);
  }
}
