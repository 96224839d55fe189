import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, provideTranslocoScope } from '@jsverse/transloco';

/**
 * "No such record, or you may not see it" — deliberately the same for both, like the API's 404, so
 * that a deep link does not reveal whether a record exists. Detail pages show it on a 404.
 */
@Component({
  selector: 'hw-not-found-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslocoPipe],
  providers: [provideTranslocoScope('not-found')],
  template: `
    <section class="hw-not-found" aria-labelledby="hw-not-found-title">
      <mat-icon svgIcon="search" aria-hidden="true" />
      <h1 id="hw-not-found-title">{{ 'notFound.title' | transloco }}</h1>
      <p>{{ 'notFound.message' | transloco }}</p>
      <a mat-flat-button routerLink="/">{{ 'notFound.home' | transloco }}</a>
    </section>
  `,
  styles: `
    .hw-not-found {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: 48px 16px;
      max-width: 560px;
      margin: 0 auto;
    }
    mat-icon {
      width: 64px;
      height: 64px;
      color: var(--mat-sys-on-surface-variant);
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 16px 0 8px;
    }
    p {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
