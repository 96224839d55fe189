import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
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
import { FieldError } from '@hw/shared/ui/field-error';
import type { Observable } from 'rxjs';
import { ReunionErrors } from '../data/reunion-errors';
import {
  RISK_FLAGS,
  ReunionsApiService,
  WELLBEING_LEVELS,
} from '../data/reunions-api.service';
import type { FollowUp } from '../data/reunions-api.service';

export interface FollowUpDialogData {
  reunionId: string;
  followUp: FollowUp;
  today: string;
  reunitedOn: string;
}

/** Records what a follow-up visit found (or corrects it); emits the saved follow-up. */
@Component({
  selector: 'hw-follow-up-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    FieldError,
  ],
  template: `
    <h2 mat-dialog-title>
      {{
        'reunions.visit.title'
          | transloco: { months: data.followUp.monthsAfter }
      }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <div class="hw-grid">
          <mat-form-field>
            <mat-label>{{ 'reunions.visit.visitedOn' | transloco }}</mat-label>
            <input
              matInput
              type="date"
              formControlName="visitedOn"
              [min]="data.reunitedOn"
              [max]="data.today"
            />
            <mat-error
              ><hw-field-error [control]="form.controls.visitedOn"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reunions.visit.visitor' | transloco }}</mat-label>
            <input matInput formControlName="visitor" maxlength="200" />
            <mat-error
              ><hw-field-error [control]="form.controls.visitor"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reunions.visit.wellbeing' | transloco }}</mat-label>
            <mat-select formControlName="wellbeing">
              @for (w of wellbeing; track w) {
                <mat-option [value]="w">{{
                  'reunions.wellbeing.' + w | transloco
                }}</mat-option>
              }
            </mat-select>
            <mat-error
              ><hw-field-error [control]="form.controls.wellbeing"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reunions.visit.school' | transloco }}</mat-label>
            <mat-select formControlName="attendingSchool">
              <mat-option value="yes">{{
                'reunions.school.yes' | transloco
              }}</mat-option>
              <mat-option value="no">{{
                'reunions.school.no' | transloco
              }}</mat-option>
              <mat-option value="unknown">{{
                'reunions.school.unknown' | transloco
              }}</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field class="hw-wide">
            <mat-label>{{ 'reunions.visit.riskFlags' | transloco }}</mat-label>
            <mat-select formControlName="riskFlags" multiple>
              @for (f of flags; track f) {
                <mat-option [value]="f">{{
                  'reunions.risk.' + f | transloco
                }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="hw-wide">
            <mat-label>{{ 'reunions.visit.notes' | transloco }}</mat-label>
            <textarea
              matInput
              formControlName="notes"
              rows="3"
              maxlength="4000"
            ></textarea>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">
          {{ 'common.cancel' | transloco }}
        </button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ 'reunions.visit.save' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-grid {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px 16px;
      padding-top: 8px;
    }
    .hw-wide {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpDialog {
  protected readonly data = inject<FollowUpDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<FollowUpDialog, FollowUp>);
  private readonly api = inject(ReunionsApiService);
  private readonly errors = inject(ReunionErrors);
  protected readonly wellbeing = WELLBEING_LEVELS;
  protected readonly flags = RISK_FLAGS;
  protected readonly saving = signal(false);
  private readonly f = this.data.followUp;
  protected readonly form = new FormGroup({
    visitedOn: new FormControl(this.f.visitedOn ?? this.data.today, {
      nonNullable: true,
      validators: [Validators.required],
    }),
    visitor: new FormControl(this.f.visitor ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    wellbeing: new FormControl(this.f.wellbeing ?? null, {
      validators: [Validators.required],
    }),
    attendingSchool: new FormControl<'yes' | 'no' | 'unknown'>(
      this.f.attendingSchool === null
        ? 'unknown'
        : this.f.attendingSchool
          ? 'yes'
          : 'no',
      { nonNullable: true },
    ),
    riskFlags: new FormControl([...this.f.riskFlags], { nonNullable: true }),
    notes: new FormControl(this.f.notes ?? '', { nonNullable: true }),
  });

  protected save(): void {
    const v = this.form.getRawValue();
    if (this.form.invalid || !v.wellbeing) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .recordFollowUp(this.data.reunionId, this.f.id, {
        visitedOn: v.visitedOn,
        visitor: v.visitor.trim(),
        wellbeing: v.wellbeing,
        attendingSchool:
          v.attendingSchool === 'unknown' ? null : v.attendingSchool === 'yes',
        riskFlags: v.riskFlags,
        notes: v.notes.trim() || undefined,
      })
      .subscribe({
        next: (saved) => this.ref.close(saved),
        error: (error: unknown) => {
          this.saving.set(false);
          this.errors.show(error, this.form);
        },
      });
  }
}

export function recordVisit(
  dialog: MatDialog,
  data: FollowUpDialogData,
): Observable<FollowUp | undefined> {
  return dialog
    .open<FollowUpDialog, FollowUpDialogData, FollowUp>(FollowUpDialog, {
      data,
      width: '560px',
    })
    .afterClosed();
}
