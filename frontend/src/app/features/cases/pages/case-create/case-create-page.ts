import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { catchError, map, of } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { FieldError } from '@hw/shared/ui/field-error';
import {
  CASE_PRIORITIES,
  CHILD_SEXES,
  CasesApiService,
} from '../../data/cases-api.service';
import type { CasePriority, ChildSex } from '../../data/cases-api.service';

/** Date of birth or estimated age: one of them. */
function birthOrAge(group: AbstractControl): ValidationErrors | null {
  const dob = group.get('dateOfBirth')?.value as string;
  const age = group.get('estimatedAgeYears')?.value as number | null;
  return dob || (age !== null && age !== undefined && `${age}` !== '')
    ? null
    : { birthOrAge: true };
}

@Component({
  selector: 'hw-case-create-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    FieldError,
  ],
  templateUrl: './case-create-page.html',
  styleUrl: './case-create-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseCreatePage {
  private readonly api = inject(CasesApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService).current;

  protected readonly sexes = CHILD_SEXES;
  protected readonly priorities = CASE_PRIORITIES;
  protected readonly busy = signal(false);
  protected readonly locating = signal(false);
  protected readonly hasGeolocation =
    typeof navigator !== 'undefined' && 'geolocation' in navigator;

  private readonly allJurisdictions = toSignal(
    this.api
      .jurisdictions()
      .pipe(catchError(() => of([] as Schemas['JurisdictionDto'][]))),
    { initialValue: [] as Schemas['JurisdictionDto'][] },
  );
  /** The user's jurisdiction and those below it (where they may open a file). */
  protected readonly jurisdictions = computed(() => {
    const mine = this.auth.me()?.jurisdiction.path ?? '';
    return this.allJurisdictions()
      .filter((j) => j.path.startsWith(mine))
      .sort((a, b) => a.path.localeCompare(b.path));
  });

  protected readonly form = new FormGroup({
    child: new FormGroup(
      {
        fullName: new FormControl('', {
          nonNullable: true,
          validators: [Validators.required, Validators.maxLength(100)],
        }),
        otherNames: new FormControl('', {
          nonNullable: true,
          validators: [Validators.maxLength(200)],
        }),
        sex: new FormControl<ChildSex | null>(null, {
          validators: [Validators.required],
        }),
        dateOfBirth: new FormControl('', { nonNullable: true }),
        estimatedAgeYears: new FormControl<number | null>(null, {
          validators: [Validators.min(0), Validators.max(25)],
        }),
        heightCm: new FormControl<number | null>(null, {
          validators: [Validators.min(30), Validators.max(220)],
        }),
        distinguishingMarks: new FormControl('', {
          nonNullable: true,
          validators: [Validators.maxLength(2000)],
        }),
        disabilities: new FormControl('', {
          nonNullable: true,
          validators: [Validators.maxLength(2000)],
        }),
        dialect: new FormControl('', {
          nonNullable: true,
          validators: [Validators.maxLength(200)],
        }),
      },
      { validators: [birthOrAge] },
    ),
    lastSeenAt: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    lastSeenPlace: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(300)],
    }),
    lastSeenLat: new FormControl<number | null>(null, {
      validators: [
        Validators.required,
        Validators.min(-90),
        Validators.max(90),
      ],
    }),
    lastSeenLng: new FormControl<number | null>(null, {
      validators: [
        Validators.required,
        Validators.min(-180),
        Validators.max(180),
      ],
    }),
    jurisdictionCode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    circumstances: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(5000)],
    }),
    priority: new FormControl<CasePriority>('normal', { nonNullable: true }),
    reporter: new FormGroup({
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(100)],
      }),
      relationship: new FormControl('', {
        nonNullable: true,
        validators: [Validators.maxLength(50)],
      }),
      phone: new FormControl('', {
        nonNullable: true,
        validators: [Validators.pattern(/^[+0-9 ()-]{5,30}$/)],
      }),
      address: new FormControl('', {
        nonNullable: true,
        validators: [Validators.maxLength(300)],
      }),
    }),
  });

  constructor() {
    const code = this.auth.me()?.jurisdiction.code;
    if (code) this.form.controls.jurisdictionCode.setValue(code);
  }

  protected indent(j: Schemas['JurisdictionDto']): string {
    return '\u00a0\u00a0'.repeat(
      Math.max(0, j.path.split('/').filter(Boolean).length - 1),
    );
  }

  protected useMyLocation(): void {
    this.locating.set(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.locating.set(false);
        this.form.patchValue({
          lastSeenLat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lastSeenLng: Math.round(position.coords.longitude * 1e6) / 1e6,
        });
      },
      () => this.locating.set(false),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const text = (s: string) => s.trim() || undefined;
    const num = (n: number | null) =>
      n === null || `${n}` === '' ? undefined : Number(n);
    const body: Schemas['CreateCaseDto'] = {
      child: {
        fullName: v.child.fullName.trim(),
        otherNames: text(v.child.otherNames),
        sex: v.child.sex!,
        dateOfBirth: text(v.child.dateOfBirth),
        estimatedAgeYears: v.child.dateOfBirth
          ? undefined
          : num(v.child.estimatedAgeYears),
        heightCm: num(v.child.heightCm),
        distinguishingMarks: text(v.child.distinguishingMarks),
        disabilities: text(v.child.disabilities),
        dialect: text(v.child.dialect),
      },
      lastSeenAt: new Date(v.lastSeenAt).toISOString(),
      lastSeenPlace: v.lastSeenPlace.trim(),
      lastSeenLat: Number(v.lastSeenLat),
      lastSeenLng: Number(v.lastSeenLng),
      jurisdictionCode: v.jurisdictionCode,
      circumstances: text(v.circumstances),
      priority: v.priority,
      reporter: {
        name: v.reporter.name.trim(),
        relationship: text(v.reporter.relationship),
        phone: text(v.reporter.phone),
        address: text(v.reporter.address),
      },
    };
    this.busy.set(true);
    this.api.create(body).subscribe({
      next: (file) => {
        this.busy.set(false);
        void this.router.navigate(['/cases', file.id]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        // Server field names are paths such as child.fullName, which FormGroup.get() resolves.
        this.problems.applyToForm(error, this.form);
      },
    });
  }
}
