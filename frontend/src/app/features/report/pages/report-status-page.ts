import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import type { OnInit } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageSwitch } from '@hw/core/layout/language-switch';
import { ReportApiService } from '../data/report-api.service';
import type { PublicStatus } from '../data/report-api.service';
import { chineseUnlessChosen } from './public-language';

/** Only the status of a report (received / under review / closed): nothing about the child or the file. */
@Component({
  selector: 'hw-report-status-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    LanguageSwitch,
  ],
  template: `
    <div class="hw-public">
      <header class="hw-public-header">
        <mat-icon svgIcon="shield" />
        <span>{{ 'report.status.title' | transloco }}</span>
        <span class="hw-spacer"></span>
        <hw-language-switch />
      </header>
      <form (ngSubmit)="look()">
        <mat-form-field>
          <mat-label>{{ 'report.status.receipt' | transloco }}</mat-label>
          <input matInput [formControl]="code" autocapitalize="characters" />
        </mat-form-field>
        <button mat-flat-button type="submit">
          {{ 'report.status.check' | transloco }}
        </button>
      </form>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (status(); as s) {
        <p class="hw-report-status" data-testid="report-status">
          {{ 'report.status.' + s | transloco }}
        </p>
        <p class="hw-muted">{{ 'report.status.' + s + 'Hint' | transloco }}</p>
      }
      @if (problem(); as p) {
        <p class="hw-problem" role="alert">{{ p }}</p>
      }
      <p>
        <a routerLink="/report">{{ 'report.status.newReport' | transloco }}</a>
      </p>
    </div>
  `,
  styles: `
    .hw-public {
      max-width: 640px;
      margin: 0 auto;
      padding: 0 16px 48px;
    }
    .hw-public-header {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 0;
      font: var(--mat-sys-title-medium);
    }
    .hw-spacer {
      flex: 1;
    }
    form {
      display: flex;
      flex-direction: column;
    }
    .hw-report-status {
      font: var(--mat-sys-headline-medium);
      text-align: center;
      margin-top: 24px;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
      text-align: center;
    }
    .hw-problem {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportStatusPage implements OnInit {
  private readonly api = inject(ReportApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  readonly receipt = input<string>();

  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly loading = signal(false);
  protected readonly status = signal<PublicStatus | null>(null);
  protected readonly problem = signal<string | null>(null);

  constructor() {
    chineseUnlessChosen();
  }

  ngOnInit(): void {
    const receipt = this.receipt();
    if (receipt) {
      this.code.setValue(receipt);
      this.fetch(receipt);
    }
  }

  protected look(): void {
    const receipt = this.code.value.trim().toUpperCase();
    if (!receipt) return;
    void this.router.navigate(['/report/status', receipt]);
    this.fetch(receipt);
  }

  private fetch(receipt: string): void {
    this.loading.set(true);
    this.problem.set(null);
    this.status.set(null);
    this.api.status(receipt).subscribe({
      next: (answer) => {
        this.loading.set(false);
        this.status.set(answer.status);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(
          error instanceof HttpErrorResponse && error.status === 404
            ? this.transloco.translate('report.status.notFound')
            : this.problems.message(error),
        );
      },
    });
  }
}
