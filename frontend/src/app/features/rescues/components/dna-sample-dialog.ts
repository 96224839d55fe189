import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import { ProblemService } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { RescuesApiService } from '../data/rescues-api.service';
import type { RescuedChild } from '../data/rescues-api.service';

/** `datetime-local` value for now, in the browser's zone. */
function nowLocal(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Confirms starting the child's DNA sample: who consented and when (the barcode is generated unless
 * the tube has one). The DNA search compares the profile with families' references once the laboratory imports it.
 */
@Component({
  selector: 'hw-dna-sample-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslocoPipe, FieldError],
  template: `
    <h2 mat-dialog-title>{{ 'rescues.dna.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="hw-dialog-form">
        <p>{{ 'rescues.dna.explain' | transloco }}</p>
        <mat-form-field>
          <mat-label>{{ 'rescues.dna.consentGivenBy' | transloco }}</mat-label>
          <input matInput formControlName="consentGivenBy" required maxlength="200" />
          <mat-hint>{{ 'rescues.dna.consentHint' | transloco }}</mat-hint>
          <mat-error><hw-field-error [control]="form.controls.consentGivenBy" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'rescues.dna.consentGivenAt' | transloco }}</mat-label>
          <input matInput type="datetime-local" formControlName="consentGivenAt" required />
          <mat-error><hw-field-error [control]="form.controls.consentGivenAt" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'rescues.dna.barcode' | transloco }}</mat-label>
          <input matInput formControlName="barcode" maxlength="64" />
          <mat-hint>{{ 'rescues.dna.barcodeHint' | transloco }}</mat-hint>
          <mat-error><hw-field-error [control]="form.controls.barcode" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'rescues.dna.confirm' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-dialog-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DnaSampleDialog {
  private readonly child = inject<RescuedChild>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<DnaSampleDialog, RescuedChild>);
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    consentGivenBy: new FormControl(this.child.placement?.organisationName ?? this.child.placement?.shelter ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    consentGivenAt: new FormControl(nowLocal(), { nonNullable: true, validators: [Validators.required] }),
    barcode: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/)] }),
  });

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.api
      .startDnaSample(this.child.id, {
        consentGivenBy: v.consentGivenBy.trim(),
        consentGivenAt: new Date(v.consentGivenAt).toISOString(),
        ...(v.barcode.trim() ? { barcode: v.barcode.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (child) => this.ref.close(child),
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.applyToForm(error, this.form, { 'consent.givenAt': 'consentGivenAt', 'consent.givenBy': 'consentGivenBy' });
        },
      });
  }
}

export function openDnaSample(dialog: MatDialog, child: RescuedChild): Observable<RescuedChild | undefined> {
  return dialog.open<DnaSampleDialog, RescuedChild, RescuedChild>(DnaSampleDialog, { data: child, width: '480px' }).afterClosed();
}
