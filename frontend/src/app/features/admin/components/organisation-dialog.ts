import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { FieldError } from '@hw/shared/ui/field-error';
import type { JurisdictionDto } from '../data/jurisdictions-api.service';
import { ORGANISATION_KINDS, OrganisationsApiService } from '../data/organisations-api.service';
import type { OrganisationKind } from '../data/organisations-api.service';
import { depthOf } from '../data/reference-data';

export interface OrganisationDialogData {
  organisation: Schemas['OrganisationDto'] | null;
  jurisdictions: JurisdictionDto[];
}

/** Create an organisation, or rename / move an existing one (its kind is fixed). */
@Component({
  selector: 'hw-organisation-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, FieldError],
  template: `
    <h2 mat-dialog-title>{{ (data.organisation ? 'admin.organisations.edit' : 'admin.organisations.create') | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="hw-form">
        <mat-form-field>
          <mat-label>{{ 'admin.organisations.name' | transloco }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" />
          <mat-error><hw-field-error [control]="form.controls.name" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.organisations.kind' | transloco }}</mat-label>
          <mat-select formControlName="kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ 'organisationKinds.' + kind | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.organisations.jurisdiction' | transloco }}</mat-label>
          <mat-select formControlName="jurisdictionCode">
            @for (j of data.jurisdictions; track j.code) {
              <mat-option [value]="j.code" [style.padding-left.px]="16 + depth(j) * 16">
                {{ language() === 'zh-CN' ? j.name : j.nameEn }} · {{ j.code }}
              </mat-option>
            }
          </mat-select>
          <mat-error><hw-field-error [control]="form.controls.jurisdictionCode" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'common.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationDialog {
  protected readonly data = inject<OrganisationDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<OrganisationDialog, Schemas['OrganisationDto']>);
  private readonly api = inject(OrganisationsApiService);
  private readonly problems = inject(ProblemService);
  protected readonly language = inject(LanguageService).current;
  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly depth = depthOf;
  protected readonly busy = signal(false);

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.organisation?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    kind: new FormControl<OrganisationKind>(
      { value: this.data.organisation?.kind ?? 'police', disabled: this.data.organisation !== null },
      { nonNullable: true },
    ),
    jurisdictionCode: new FormControl(this.data.organisation?.jurisdiction.code ?? '', { nonNullable: true, validators: [Validators.required] }),
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, kind, jurisdictionCode } = this.form.getRawValue();
    const existing = this.data.organisation;
    const request: Observable<Schemas['OrganisationDto']> = existing
      ? this.api.update(existing.id, { name: name.trim(), jurisdictionCode })
      : this.api.create({ name: name.trim(), kind, jurisdictionCode });
    this.busy.set(true);
    request.subscribe({
      next: (organisation) => this.ref.close(organisation),
      error: (error: unknown) => {
        this.busy.set(false);
        this.problems.applyToForm(error, this.form);
      },
    });
  }
}
