import { DecimalPipe, KeyValuePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { DnaApiService } from '../data/dna-api.service';

type Result = Schemas['KinshipCalculateResponseDto'];

const EXAMPLE = {
  frequencies: {
    TH01: { '6': 0.1, '7': 0.25, '8': 0.15, '9': 0.3, '9.3': 0.2 },
    D8S1179: { '10': 0.1, '11': 0.2, '12': 0.3, '13': 0.25, '14': 0.15 },
  },
  relationship: 'parent_child',
  mutation: { model: 'stepwise', rate: 0.001, rate2: 0.000001, range: 0.1 },
  theta: 0,
  profiles: {
    child: { TH01: ['7', '9.3'], D8S1179: ['12', '13'] },
    alleged: { TH01: ['9.3', '9.3'], D8S1179: ['11', '13'] },
  },
};

/** The stateless kinship calculator (lab staff): the request as JSON, the answer per locus. */
@Component({
  selector: 'hw-dna-calculator-page',
  imports: [
    DecimalPipe,
    KeyValuePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.calculator.title' | transloco }}</h1>
    </header>
    <p>{{ 'dna.calculator.intro' | transloco }}</p>
    <mat-form-field class="hw-json">
      <mat-label>{{ 'dna.calculator.request' | transloco }}</mat-label>
      <textarea
        matInput
        [formControl]="request"
        rows="16"
        spellcheck="false"
      ></textarea>
    </mat-form-field>
    @if (parseError()) {
      <p class="hw-error" role="alert">
        {{ 'dna.calculator.badJson' | transloco }} {{ parseError() }}
      </p>
    }
    <div class="hw-buttons">
      <button
        mat-flat-button
        type="button"
        (click)="calculate()"
        [disabled]="request.invalid || busy()"
      >
        {{ 'dna.calculator.calculate' | transloco }}
      </button>
      <button mat-stroked-button type="button" (click)="example()">
        {{ 'dna.calculator.example' | transloco }}
      </button>
    </div>
    @if (result(); as r) {
      <section [attr.aria-label]="'dna.calculator.result' | transloco">
        <h2>{{ 'dna.calculator.result' | transloco }}</h2>
        <dl class="hw-facts">
          <dt>LR</dt>
          <dd>{{ r.lr | number: '1.0-6' }}</dd>
          <dt>log10 LR</dt>
          <dd>
            {{ r.log10Lr === null ? '−∞' : (r.log10Lr | number: '1.4-4') }}
          </dd>
          <dt>{{ 'dna.field.inconsistent' | transloco }}</dt>
          <dd>{{ r.inconsistentLoci }} / {{ r.lociCompared }}</dd>
          <dt>{{ 'dna.calculator.posterior' | transloco }}</dt>
          <dd>{{ r.posterior | number: '1.0-8' }}</dd>
        </dl>
        <table
          class="hw-loci"
          [attr.aria-label]="'dna.match.perLocus' | transloco"
        >
          <thead>
            <tr>
              <th scope="col">{{ 'dna.field.locus' | transloco }}</th>
              <th scope="col">{{ 'dna.field.lr' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (l of perLocus(r) | keyvalue; track l.key) {
              <tr [class.hw-inconsistent]="l.value === 0">
                <th scope="row">{{ l.key }}</th>
                <td>{{ l.value | number: '1.0-6' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    }
  `,
  styles: `
    .hw-json {
      width: 100%;
    }
    .hw-json textarea {
      font-family: monospace;
    }
    .hw-buttons {
      display: flex;
      gap: 12px;
      margin-bottom: 16px;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
    .hw-facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .hw-facts dd {
      margin: 0;
    }
    .hw-loci {
      border-collapse: collapse;
      margin-top: 12px;
    }
    .hw-loci th,
    .hw-loci td {
      padding: 4px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .hw-inconsistent {
      background: var(--mat-sys-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalculatorPage {
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly request = new FormControl(
    JSON.stringify(EXAMPLE, null, 2),
    { nonNullable: true, validators: [Validators.required] },
  );
  protected readonly result = signal<Result | null>(null);
  protected readonly parseError = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected example(): void {
    this.request.setValue(JSON.stringify(EXAMPLE, null, 2));
  }

  protected perLocus(r: Result): Record<string, number> {
    return r.perLocus as Record<string, number>;
  }

  protected calculate(): void {
    let body: unknown;
    try {
      body = JSON.parse(this.request.value);
      this.parseError.set(null);
    } catch (error) {
      this.parseError.set((error as Error).message);
      return;
    }
    this.busy.set(true);
    this.api
      .calculate(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.busy.set(false);
          this.result.set(r);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.result.set(null);
          this.problems.show(error);
        },
      });
  }
}
