import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  switchMap,
} from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { AbilityService } from '@hw/core/access/ability.service';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService, problemOf } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { DnaApiService } from '../data/dna-api.service';
import {
  BARCODE_PATTERN,
  DONOR_RELATIONSHIPS,
  SAMPLE_FIELD_MAP,
  SAMPLE_KINDS,
  sampleRequest,
  toLocalInput,
} from '../data/sample-form';
import type { DonorRelationship, SampleKind } from '../data/sample-form';

type CaseOption = Schemas['CaseSummaryDto'];

const notInFuture = (c: AbstractControl): ValidationErrors | null =>
  c.value && new Date(c.value as string).getTime() > Date.now()
    ? { future: true }
    : null;
const inFuture = (c: AbstractControl): ValidationErrors | null =>
  c.value && (c.value as string) <= toLocalInput(new Date()).slice(0, 10)
    ? { notFuture: true }
    : null;

/**
 * Registering a sample (lab technicians): a family reference linked to a missing-child file, or a
 * child's sample; the donor's identity (sensitive), consent for the search only, the collection as
 * the first custody event. The API checks everything again; its field errors land under the inputs.
 */
@Component({
  selector: 'hw-dna-sample-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    FieldError,
  ],
  templateUrl: './sample-register-page.html',
  styles: `
    form {
      max-width: 960px;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px 0;
      margin: 0 0 16px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0 6px;
    }
    .hw-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
      margin-bottom: 8px;
    }
    .hw-row > mat-form-field {
      flex: 1 1 220px;
    }
    .hw-wide {
      width: 100%;
    }
    mat-radio-group {
      display: flex;
      gap: 16px;
      margin-bottom: 12px;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
    .hw-actions {
      display: flex;
      gap: 8px;
      justify-content: flex-end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.Default,
})
export class SampleRegisterPage {
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly me = inject(AuthService).me;
  protected readonly kinds = SAMPLE_KINDS;
  protected readonly relationships = DONOR_RELATIONSHIPS;
  /** The donor's identity is sensitive: only those who may read it back may enter it. */
  protected readonly canEnterIdentity = inject(AbilityService).can(
    'read',
    'DnaProfile',
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly selectedCase = signal<CaseOption | null>(null);
  protected readonly today = toLocalInput(new Date()).slice(0, 10);

  protected readonly form = new FormGroup({
    barcode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(BARCODE_PATTERN)],
    }),
    kind: new FormControl<SampleKind>('family_reference', {
      nonNullable: true,
    }),
    donorRelationship: new FormControl<DonorRelationship | ''>('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    caseId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    childDescription: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(2000)],
    }),
    donorName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
    donorIdNumber: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(64)],
    }),
    donorPhone: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(64)],
    }),
    consentGivenBy: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    consentGivenAt: new FormControl(toLocalInput(new Date()), {
      nonNullable: true,
      validators: [Validators.required, notInFuture],
    }),
    collectedAt: new FormControl(toLocalInput(new Date()), {
      nonNullable: true,
      validators: [Validators.required, notInFuture],
    }),
    collectedLocation: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(300)],
    }),
    collectingOrganisationId: new FormControl('', { nonNullable: true }),
    retentionUntil: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, inFuture],
    }),
  });

  /** The file search box (case number, the child's name or pinyin). */
  protected readonly caseQuery = new FormControl<string | CaseOption>('', {
    nonNullable: true,
  });
  protected readonly caseOptions = toSignal(
    this.caseQuery.valueChanges.pipe(
      map((v) => (typeof v === 'string' ? v.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 1
          ? of([])
          : this.api.findCases(q).pipe(
              map((page) => page.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] as CaseOption[] },
  );
  protected readonly organisations = toSignal(
    this.api.organisations().pipe(
      map((page) => page.items),
      catchError(() => of([])),
    ),
    { initialValue: [] as Schemas['OrganisationDto'][] },
  );
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });

  constructor() {
    const ownOrganisation = this.me()?.organisation.id;
    if (ownOrganisation)
      this.form.controls.collectingOrganisationId.setValue(ownOrganisation);
    // Only the fields of the chosen kind are required (and sent).
    this.form.controls.kind.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((kind) => {
        const reference = kind === 'family_reference';
        for (const control of [
          this.form.controls.donorRelationship,
          this.form.controls.caseId,
        ]) {
          if (reference) control.enable();
          else control.disable();
        }
        if (reference) this.form.controls.childDescription.disable();
        else this.form.controls.childDescription.enable();
      });
    this.form.controls.childDescription.disable();
  }

  protected caseLabel = (c: CaseOption | string | null): string =>
    !c ? '' : typeof c === 'string' ? c : `${c.caseNumber} · ${c.childName}`;

  protected pickCase(event: MatAutocompleteSelectedEvent): void {
    const picked = event.option.value as CaseOption;
    this.selectedCase.set(picked);
    this.form.controls.caseId.setValue(picked.id);
  }

  protected clearCase(): void {
    this.selectedCase.set(null);
    this.caseQuery.setValue('');
    this.form.controls.caseId.setValue('');
    this.form.controls.caseId.markAsTouched();
  }

  protected submit(): void {
    this.error.set(null);
    const { consentGivenAt, collectedAt } = this.form.controls;
    if (
      collectedAt.value &&
      consentGivenAt.value &&
      collectedAt.value < consentGivenAt.value
    ) {
      collectedAt.setErrors({
        ...(collectedAt.errors ?? {}),
        beforeConsent: true,
      });
    }
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.api
      .createSample(sampleRequest(this.form.getRawValue()))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sample) => {
          this.busy.set(false);
          void this.router.navigate(['/dna/samples', sample.id]);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const problem = problemOf(error);
          if (problem?.errors?.length) {
            this.error.set(this.problems.message(error));
            this.problems.applyToForm(error, this.form, SAMPLE_FIELD_MAP);
          } else {
            this.problems.show(error);
          }
        },
      });
  }
}
