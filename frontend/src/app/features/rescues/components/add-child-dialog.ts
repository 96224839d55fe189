import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, filter, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { childRequest } from '../data/rescue-form';
import { RescuesApiService } from '../data/rescues-api.service';
import type { RescuedChild } from '../data/rescues-api.service';

/**
 * Adds a child to a rescue: identified by their missing-child file (found by number or name; the file
 * then moves to rescued) or unidentified, described for the search for their family.
 */
@Component({
  selector: 'hw-add-child-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    FieldError,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'rescues.addChild.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="hw-dialog-form">
        <mat-radio-group formControlName="identified" [attr.aria-label]="'rescues.addChild.kind' | transloco">
          <mat-radio-button [value]="false">{{ 'rescues.addChild.unidentified' | transloco }}</mat-radio-button>
          <mat-radio-button [value]="true">{{ 'rescues.addChild.identified' | transloco }}</mat-radio-button>
        </mat-radio-group>
        @if (form.controls.identified.value) {
          <mat-form-field>
            <mat-label>{{ 'rescues.addChild.findFile' | transloco }}</mat-label>
            <input matInput [formControl]="search" [matAutocomplete]="files" />
            <mat-hint>{{ 'rescues.addChild.findFileHint' | transloco }}</mat-hint>
            <mat-autocomplete #files="matAutocomplete" (optionSelected)="pick($event)">
              @for (c of found(); track c.id) {
                <mat-option [value]="c">{{ c.caseNumber }} · {{ c.childName }}</mat-option>
              }
            </mat-autocomplete>
          </mat-form-field>
          @if (picked(); as c) {
            <p>{{ 'rescues.addChild.picked' | transloco: { caseNumber: c.caseNumber, name: c.childName } }}</p>
          } @else if (form.controls.caseId.touched) {
            <p class="hw-error" role="alert">{{ 'rescues.addChild.pickFile' | transloco }}</p>
          }
        } @else {
          <mat-form-field>
            <mat-label>{{ 'rescues.field.name' | transloco }}</mat-label>
            <input matInput formControlName="name" maxlength="100" />
            <mat-hint>{{ 'rescues.addChild.nameHint' | transloco }}</mat-hint>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'rescues.field.sex' | transloco }}</mat-label>
            <mat-select formControlName="sex">
              @for (s of sexes; track s) {
                <mat-option [value]="s">{{ 'rescues.sex.' + s | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>{{ 'rescues.field.estimatedAgeYears' | transloco }}</mat-label>
          <input matInput type="number" min="0" max="25" step="0.5" formControlName="estimatedAgeYears" />
          <mat-error><hw-field-error [control]="form.controls.estimatedAgeYears" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'rescues.field.condition' | transloco }}</mat-label>
          <textarea matInput formControlName="condition" rows="2" maxlength="2000"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'rescues.field.injuriesOrDisabilities' | transloco }}</mat-label>
          <textarea matInput formControlName="injuriesOrDisabilities" rows="2" maxlength="2000"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'rescues.field.dialect' | transloco }}</mat-label>
          <input matInput formControlName="dialect" maxlength="100" />
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'rescues.addChild.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-dialog-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddChildDialog {
  private readonly rescueId = inject<string>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AddChildDialog, RescuedChild>);
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly sexes = ['male', 'female', 'unknown'] as const;
  protected readonly busy = signal(false);
  protected readonly found = signal<Schemas['CaseSummaryDto'][]>([]);
  protected readonly picked = signal<Schemas['CaseSummaryDto'] | null>(null);
  protected readonly search = new FormControl<string | Schemas['CaseSummaryDto']>('', { nonNullable: true });
  protected readonly form = new FormGroup({
    identified: new FormControl(false, { nonNullable: true }),
    caseId: new FormControl('', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true }),
    sex: new FormControl<'male' | 'female' | 'unknown'>('unknown', { nonNullable: true }),
    estimatedAgeYears: new FormControl<number | null>(null, [Validators.min(0), Validators.max(25)]),
    condition: new FormControl('', { nonNullable: true }),
    injuriesOrDisabilities: new FormControl('', { nonNullable: true }),
    dialect: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.search.valueChanges
      .pipe(
        filter((q): q is string => typeof q === 'string'),
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => q.trim().length >= 1),
        switchMap((q) => this.api.findCases(q.trim())),
        takeUntilDestroyed(),
      )
      .subscribe({ next: (page) => this.found.set(page.items), error: (error: unknown) => this.problems.show(error) });
  }

  protected pick(event: MatAutocompleteSelectedEvent): void {
    const file = event.option.value as Schemas['CaseSummaryDto'];
    this.picked.set(file);
    this.form.controls.caseId.setValue(file.id);
    this.search.setValue(`${file.caseNumber} · ${file.childName}`);
  }

  protected save(): void {
    this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    if (this.form.invalid || (v.identified && !v.caseId)) return;
    this.busy.set(true);
    this.api
      .addChild(this.rescueId, childRequest(v))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (child) => this.ref.close(child),
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.applyToForm(error, this.form);
        },
      });
  }
}

export function openAddChild(dialog: MatDialog, rescueId: string): Observable<RescuedChild | undefined> {
  return dialog.open<AddChildDialog, string, RescuedChild>(AddChildDialog, { data: rescueId, width: '520px' }).afterClosed();
}
