import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';

/** Texts already translated by the caller. */
export interface TextPromptData {
  title: string;
  message: string;
  label: string;
  confirm: string;
  minLength?: number;
  /** Offer these values to pick from instead of free text. */
  options?: { value: string; label: string }[];
  destructive?: boolean;
}

/** Asks for one value (a reason, a sighting) before an action; emits it, or undefined when cancelled. */
@Component({
  selector: 'hw-text-prompt-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="done()">
      <mat-dialog-content>
        <p>{{ data.message }}</p>
        <mat-form-field class="hw-full">
          <mat-label>{{ data.label }}</mat-label>
          @if (data.options?.length) {
            <mat-select [formControl]="value">
              @for (o of data.options; track o.value) {
                <mat-option [value]="o.value">{{ o.label }}</mat-option>
              }
            </mat-select>
          } @else {
            <textarea
              matInput
              [formControl]="value"
              rows="3"
              cdkFocusInitial
            ></textarea>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">
          {{ 'common.cancel' | transloco }}
        </button>
        <button
          mat-flat-button
          type="submit"
          [class.hw-danger]="data.destructive"
          [disabled]="value.invalid"
        >
          {{ data.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextPromptDialog {
  protected readonly data = inject<TextPromptData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<TextPromptDialog, string>);
  protected readonly value = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.minLength(this.data.minLength ?? 1),
      Validators.maxLength(1000),
    ],
  });
  /** The form directive turns a submit (Enter or the button) into ngSubmit instead of a page load. */
  protected readonly form = new FormGroup({ value: this.value });

  protected done(): void {
    if (this.value.valid) this.ref.close(this.value.value.trim());
  }
}

export function promptText(
  dialog: MatDialog,
  data: TextPromptData,
): Observable<string | undefined> {
  return dialog
    .open<TextPromptDialog, TextPromptData, string>(TextPromptDialog, {
      data,
      width: '480px',
    })
    .afterClosed();
}
