import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldError } from '@hw/shared/ui/field-error';
import type { Observable } from 'rxjs';

export interface SignOffData {
  decision: 'verify' | 'reject';
  caseNumber: string;
  evidence: string;
}

/** A supervisor's decision on a reunion without DNA evidence; a reason is required to reject. Emits the note, or undefined when cancelled. */
@Component({
  selector: 'hw-sign-off-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, FieldError],
  template: `
    <h2 mat-dialog-title>{{ 'reunions.signOff.' + data.decision + 'Title' | transloco: { caseNumber: data.caseNumber } }}</h2>
    <form [formGroup]="form" (ngSubmit)="done()">
      <mat-dialog-content>
        <p>{{ 'reunions.signOff.' + data.decision + 'Message' | transloco }}</p>
        <blockquote class="hw-evidence">{{ data.evidence }}</blockquote>
        <mat-form-field class="hw-full">
          <mat-label>{{ (data.decision === 'reject' ? 'reunions.signOff.reason' : 'reunions.signOff.note') | transloco }}</mat-label>
          <textarea matInput formControlName="note" rows="3" cdkFocusInitial></textarea>
          <mat-error><hw-field-error [control]="note" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [class.hw-danger]="data.decision === 'reject'" [disabled]="note.invalid">
          {{ 'reunions.signOff.' + data.decision | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-full { width: 100%; }
    .hw-evidence { margin: 0 0 16px; padding: 8px 12px; border-left: 3px solid var(--mat-sys-outline-variant); white-space: pre-wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignOffDialog {
  protected readonly data = inject<SignOffData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<SignOffDialog, string>);
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: this.data.decision === 'reject' ? [Validators.required, Validators.minLength(3), Validators.maxLength(2000)] : [Validators.maxLength(2000)],
  });

  protected readonly form = new FormGroup({ note: this.note });

  protected done(): void {
    if (this.note.valid) this.ref.close(this.note.value.trim());
  }
}

export function askSignOff(dialog: MatDialog, data: SignOffData): Observable<string | undefined> {
  return dialog.open<SignOffDialog, SignOffData, string>(SignOffDialog, { data, width: '480px' }).afterClosed();
}
