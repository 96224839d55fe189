import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { RescuesApiService } from '../data/rescues-api.service';
import type { RescuedChild } from '../data/rescues-api.service';

/** Places a child in a shelter or with an NGO; the NGO's caseworkers then see and care for the child's record. */
@Component({
  selector: 'hw-placement-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, TranslocoPipe, FieldError],
  template: `
    <h2 mat-dialog-title>{{ 'rescues.placement.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content class="hw-dialog-form">
        <mat-radio-group formControlName="kind" [attr.aria-label]="'rescues.placement.title' | transloco">
          <mat-radio-button value="ngo">{{ 'rescues.placement.ngo' | transloco }}</mat-radio-button>
          <mat-radio-button value="shelter">{{ 'rescues.placement.shelter' | transloco }}</mat-radio-button>
        </mat-radio-group>
        @if (form.controls.kind.value === 'ngo') {
          <mat-form-field>
            <mat-label>{{ 'rescues.placement.organisation' | transloco }}</mat-label>
            <mat-select formControlName="organisationId" required>
              @for (o of ngos(); track o.id) {
                <mat-option [value]="o.id">{{ o.name }}</mat-option>
              }
            </mat-select>
            <mat-error><hw-field-error [control]="form.controls.organisationId" /></mat-error>
          </mat-form-field>
          <p class="hw-muted">{{ 'rescues.placement.sharingNote' | transloco }}</p>
        } @else {
          <mat-form-field>
            <mat-label>{{ 'rescues.placement.shelterName' | transloco }}</mat-label>
            <input matInput formControlName="shelter" required maxlength="200" />
            <mat-error><hw-field-error [control]="form.controls.shelter" /></mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'rescues.placement.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .hw-dialog-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementDialog {
  private readonly child = inject<RescuedChild>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<PlacementDialog, RescuedChild>);
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly busy = signal(false);
  protected readonly ngos = signal<Schemas['OrganisationDto'][]>([]);
  protected readonly form = new FormGroup({
    kind: new FormControl<'ngo' | 'shelter'>(this.child.placement?.kind ?? 'ngo', { nonNullable: true }),
    organisationId: new FormControl(this.child.placement?.organisationId ?? '', { nonNullable: true }),
    shelter: new FormControl(this.child.placement?.shelter ?? '', { nonNullable: true }),
  });

  constructor() {
    this.api
      .ngos()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (page) => this.ngos.set(page.items), error: (error: unknown) => this.problems.show(error) });
  }

  protected save(): void {
    const v = this.form.getRawValue();
    // Only the chosen kind's field is required.
    const needed = v.kind === 'ngo' ? this.form.controls.organisationId : this.form.controls.shelter;
    needed.setValidators([Validators.required, Validators.maxLength(200)]);
    needed.updateValueAndValidity();
    needed.markAsTouched();
    if (needed.invalid) return;
    this.busy.set(true);
    const body = v.kind === 'ngo' ? { kind: v.kind, organisationId: v.organisationId } : { kind: v.kind, shelter: v.shelter.trim() };
    this.api
      .place(this.child.id, { version: this.child.version, ...body })
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

export function openPlacement(dialog: MatDialog, child: RescuedChild): Observable<RescuedChild | undefined> {
  return dialog.open<PlacementDialog, RescuedChild, RescuedChild>(PlacementDialog, { data: child, width: '480px' }).afterClosed();
}
