import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { timer } from 'rxjs';
import { DnaApiService } from '../data/dna-api.service';
import type { ProfileImport } from '../data/dna-api.service';

/** The import wizard: paste or upload a CSV → validation report → commit (all or nothing) → progress. */
@Component({
  selector: 'hw-dna-import-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.import.title' | transloco }}</h1>
    </header>
    @let current = result();
    @if (!current || current.status === 'validated') {
      <form class="hw-form" [formGroup]="form" (ngSubmit)="validate()">
        <mat-form-field>
          <mat-label>{{ 'dna.import.format' | transloco }}</mat-label>
          <mat-select formControlName="format">
            <mat-option value="long">{{
              'dna.import.long' | transloco
            }}</mat-option>
            <mat-option value="wide">{{
              'dna.import.wide' | transloco
            }}</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'dna.import.kit' | transloco }}</mat-label>
          <input matInput formControlName="kit" />
        </mat-form-field>
        <label class="hw-file">
          {{ 'dna.import.upload' | transloco }}
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            (change)="upload($event)"
          />
        </label>
        <mat-form-field class="hw-csv">
          <mat-label>{{ 'dna.import.csv' | transloco }}</mat-label>
          <textarea
            matInput
            formControlName="csv"
            rows="10"
            spellcheck="false"
          ></textarea>
          <mat-hint>{{ 'dna.import.csvHint' | transloco }}</mat-hint>
        </mat-form-field>
        <button
          mat-flat-button
          type="submit"
          [disabled]="form.invalid || busy()"
        >
          {{ 'dna.import.validate' | transloco }}
        </button>
      </form>
    }
    @if (busy()) {
      <mat-progress-bar
        mode="indeterminate"
        [attr.aria-label]="'common.loading' | transloco"
      />
    }
    @if (current) {
      <section
        class="hw-report"
        [attr.aria-label]="'dna.import.report' | transloco"
      >
        <h2>{{ 'dna.import.report' | transloco }}</h2>
        <p role="status">
          {{
            'dna.import.summary'
              | transloco
                : {
                    rows: current.rows,
                    profiles: current.profiles,
                    problems: current.problems.length,
                  }
          }}
        </p>
        @if (current.problems.length) {
          <table
            class="hw-problems"
            [attr.aria-label]="'dna.import.problems' | transloco"
          >
            <thead>
              <tr>
                <th scope="col">{{ 'dna.import.row' | transloco }}</th>
                <th scope="col">{{ 'dna.import.field' | transloco }}</th>
                <th scope="col">{{ 'dna.import.problem' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of current.problems; track $index) {
                <tr>
                  <td>{{ p.row }}</td>
                  <td>{{ p.field }}</td>
                  <td>{{ p.problem }}</td>
                </tr>
              }
            </tbody>
          </table>
          <p>{{ 'dna.import.fixAndRetry' | transloco }}</p>
        }
        @if (current.flagged.length) {
          <h3>{{ 'dna.import.flagged' | transloco }}</h3>
          <ul>
            @for (p of current.flagged; track $index) {
              <li>
                {{ 'dna.import.row' | transloco }} {{ p.row }} · {{ p.field }}:
                {{ p.problem }}
              </li>
            }
          </ul>
        }
        @if (current.status === 'validated' && !current.problems.length) {
          <button
            mat-flat-button
            type="button"
            (click)="commit(current)"
            [disabled]="busy()"
          >
            {{
              'dna.import.commit' | transloco: { profiles: current.profiles }
            }}
          </button>
        }
        @if (current.status === 'committing') {
          <p>
            {{
              'dna.import.committing'
                | transloco
                  : { processed: current.processed, total: current.total }
            }}
          </p>
          <mat-progress-bar
            mode="determinate"
            [value]="
              current.total ? (100 * current.processed) / current.total : 0
            "
            [attr.aria-label]="'dna.import.progress' | transloco"
          />
        }
        @if (current.status === 'committed') {
          <p class="hw-ok" role="status">
            {{
              'dna.import.committed' | transloco: { profiles: current.profiles }
            }}
          </p>
          <button mat-stroked-button type="button" (click)="reset()">
            {{ 'dna.import.another' | transloco }}
          </button>
        }
        @if (current.status === 'failed') {
          <p class="hw-error" role="alert">
            {{ 'dna.import.failed' | transloco }} {{ current.error }}
          </p>
          <button mat-stroked-button type="button" (click)="reset()">
            {{ 'dna.import.another' | transloco }}
          </button>
        }
      </section>
    }
  `,
  styles: `
    .hw-form {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .hw-csv {
      flex-basis: 100%;
    }
    .hw-csv textarea {
      font-family: monospace;
    }
    .hw-problems {
      border-collapse: collapse;
    }
    .hw-problems th,
    .hw-problems td {
      padding: 4px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .hw-ok {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly result = signal<ProfileImport | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    format: new FormControl<'long' | 'wide'>('long', { nonNullable: true }),
    kit: new FormControl('', { nonNullable: true }),
    csv: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });
  private fileName = '';

  protected upload(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.fileName = file.name;
    void file.text().then((text) => this.form.controls.csv.setValue(text));
  }

  protected validate(): void {
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.api
      .validateImport({
        format: v.format,
        csv: v.csv,
        kit: v.kit || undefined,
        fileName: this.fileName || undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.busy.set(false);
          this.result.set(r);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.show(error);
        },
      });
  }

  protected commit(current: ProfileImport): void {
    this.busy.set(true);
    this.api
      .commitImport(current.importId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.busy.set(false);
          this.result.set(r);
          if (r.status === 'committing') this.poll(r.importId);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.show(error);
        },
      });
  }

  protected reset(): void {
    this.result.set(null);
    this.form.reset();
    this.fileName = '';
  }

  private poll(id: string): void {
    timer(1000)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.api
          .importStatus(id)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: (r) => {
              this.result.set(r);
              if (r.status === 'committing') this.poll(id);
            },
            error: (error: unknown) => this.problems.show(error),
          }),
      );
  }
}
