import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldError } from '@hw/shared/ui/field-error';

/** Asks why a file is being closed (the server requires 3–1000 characters). */
@Component({
  selector: 'hw-case-reason-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    FieldError,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ 'cases.detail.closeTitle' | transloco: { number: data.caseNumber } }}
    </h2>
    <mat-dialog-content>
      <p>{{ 'cases.detail.closeMessage' | transloco }}</p>
      <mat-form-field class="hw-full">
        <mat-label>{{ 'cases.fields.closureReason' | transloco }}</mat-label>
        <textarea
          matInput
          rows="4"
          [formControl]="reason"
          cdkFocusInitial
        ></textarea>
        <mat-error><hw-field-error [control]="reason" /></mat-error>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>
        {{ 'common.cancel' | transloco }}
      </button>
      <button
        mat-flat-button
        type="button"
        class="hw-danger"
        (click)="submit()"
      >
        {{ 'cases.detail.closeConfirm' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .hw-full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialog {
  protected readonly data = inject<{ caseNumber: string }>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReasonDialog, string>);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.minLength(3),
      Validators.maxLength(1000),
    ],
  });

  protected submit(): void {
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      return;
    }
    this.ref.close(this.reason.value.trim());
  }
}
