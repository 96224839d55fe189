import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
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
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ProblemService, problemOf } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { ProfileGrid } from '../components/profile-grid';
import type { GridColumn } from '../components/profile-grid';
import { DnaApiService } from '../data/dna-api.service';
import {
  KIT_23_LOCI,
  SEX_MARKER,
  parsePastedProfile,
  profileGroup,
  typedLoci,
} from '../data/profile-form';
import { BARCODE_PATTERN } from '../data/sample-form';

const LOCI = [...KIT_23_LOCI, SEX_MARKER];

/** Manual entry of one STR profile (issue 4 §2): the kit's loci, two alleles each, checked before it is sent. */
@Component({
  selector: 'hw-dna-profile-entry-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    FieldError,
    ProfileGrid,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.entry.title' | transloco }}</h1>
      <a mat-button routerLink="/dna/samples">{{
        'common.back' | transloco
      }}</a>
    </header>
    @if (busy()) {
      <mat-progress-bar
        mode="indeterminate"
        [attr.aria-label]="'common.loading' | transloco"
      />
    }
    <p class="hw-muted">{{ 'dna.entry.intro' | transloco }}</p>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="hw-row">
        <mat-form-field>
          <mat-label>{{ 'dna.field.barcode' | transloco }}</mat-label>
          <input matInput formControlName="sampleBarcode" autocomplete="off" />
          <mat-error
            ><hw-field-error
              [control]="form.controls.sampleBarcode"
              patternKey="dna.register.barcodePattern"
          /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'dna.import.kit' | transloco }}</mat-label>
          <input matInput formControlName="kit" autocomplete="off" />
          <mat-error
            ><hw-field-error [control]="form.controls.kit"
          /></mat-error>
        </mat-form-field>
      </div>

      <details class="hw-paste">
        <summary>{{ 'dna.entry.paste' | transloco }}</summary>
        <mat-form-field class="hw-wide">
          <mat-label>{{ 'dna.entry.pasteLabel' | transloco }}</mat-label>
          <textarea
            matInput
            rows="5"
            spellcheck="false"
            [formControl]="pasted"
          ></textarea>
          <mat-hint>{{ 'dna.entry.pasteHint' | transloco }}</mat-hint>
        </mat-form-field>
        <button mat-stroked-button type="button" (click)="fillFromPaste()">
          {{ 'dna.entry.fill' | transloco }}
        </button>
        @if (pasteNote(); as note) {
          <p class="hw-muted" role="status">{{ note }}</p>
        }
      </details>

      <hw-dna-profile-grid [loci]="loci" [columns]="columns" />

      @if (error(); as e) {
        <p class="hw-error" role="alert">{{ e }}</p>
      }
      <div class="hw-actions">
        <a mat-button routerLink="/dna/samples">{{
          'common.cancel' | transloco
        }}</a>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ 'dna.entry.save' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    form {
      max-width: 960px;
    }
    .hw-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .hw-row > mat-form-field {
      flex: 1 1 240px;
    }
    .hw-paste {
      margin: 0 0 16px;
    }
    .hw-paste summary {
      cursor: pointer;
      margin-bottom: 8px;
      color: var(--mat-sys-primary);
    }
    .hw-wide {
      width: 100%;
    }
    .hw-actions {
      display: flex;
      gap: 8px;
      justify-content: flex-end;
      margin-top: 16px;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.Default,
})
export class ProfileEntryPage {
  /** `?sample=<barcode>` when coming from a sample. */
  readonly sample = input<string>();
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly loci = LOCI;
  protected readonly genotypes = profileGroup(LOCI);
  protected readonly form = new FormGroup({
    sampleBarcode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(BARCODE_PATTERN)],
    }),
    kit: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(100)],
    }),
    genotypes: this.genotypes,
  });
  protected readonly pasted = new FormControl('', { nonNullable: true });
  protected readonly pasteNote = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly columns: GridColumn[] = [
    { label: 'dna.entry.alleles', group: this.genotypes },
  ];

  ngOnInit(): void {
    const barcode = this.sample();
    if (barcode) this.form.controls.sampleBarcode.setValue(barcode);
  }

  protected fillFromPaste(): void {
    const { loci, unknown } = parsePastedProfile(this.pasted.value, LOCI);
    for (const [locus, [a1, a2]] of Object.entries(loci)) {
      this.genotypes.controls[locus].setValue({ a1, a2 });
      this.genotypes.controls[locus].markAsTouched();
    }
    this.pasteNote.set(
      this.transloco.translate('dna.entry.filled', {
        count: Object.keys(loci).length,
        unknown: unknown.length ? unknown.join(', ') : '—',
      }),
    );
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    this.error.set(null);
    if (this.form.invalid) {
      this.error.set(this.transloco.translate('dna.entry.fixProblems'));
      return;
    }
    const loci = typedLoci(this.genotypes.getRawValue());
    if (Object.keys(loci).every((l) => l === SEX_MARKER)) {
      this.error.set(this.transloco.translate('dna.entry.noLoci'));
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.api
      .createProfile({
        sampleBarcode: v.sampleBarcode.trim(),
        kit: v.kit.trim() || undefined,
        loci,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (profile) => {
          this.busy.set(false);
          this.problems.notify(this.transloco.translate('dna.entry.saved'));
          void this.router.navigate(['/dna/samples', profile.sampleId]);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          // The API lists every problem (`loci.TH01: …`, `sampleBarcode: …`); show them all where they can be read.
          const problem = problemOf(error);
          if (problem?.status === 422 || problem?.status === 400) {
            this.error.set(this.problems.message(error));
            for (const e of problem.errors ?? []) {
              if (e.field === 'sampleBarcode') {
                this.form.controls.sampleBarcode.setErrors({
                  server: e.message,
                });
              }
            }
          } else {
            this.problems.show(error);
          }
        },
      });
  }
}
