import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import type { FormControl, FormGroup } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { LanguageService } from '@hw/core/i18n/language.service';
import { FieldError } from '@hw/shared/ui/field-error';
import type { JurisdictionDto } from '../data/jurisdictions-api.service';
import { depthOf } from '../data/reference-data';
import { USER_ROLES } from '../data/users-api.service';
import type { UserRole } from '../data/users-api.service';

export type UserFormGroup = FormGroup<{
  displayName: FormControl<string>;
  role: FormControl<UserRole>;
  organisationId: FormControl<string>;
  jurisdictionCode: FormControl<string>;
}>;

/** The fields of a user account, shared by create and edit. */
@Component({
  selector: 'hw-user-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, FieldError],
  template: `
    <div class="hw-form" [formGroup]="form()">
      @if (username(); as username) {
        <mat-form-field>
          <mat-label>{{ 'admin.users.username' | transloco }}</mat-label>
          <input matInput [formControl]="username" autocomplete="off" autocapitalize="none" spellcheck="false" />
          <mat-hint>{{ 'admin.users.usernameHint' | transloco }}</mat-hint>
          <mat-error><hw-field-error [control]="username" patternKey="admin.users.usernameHint" /></mat-error>
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>{{ 'admin.users.displayName' | transloco }}</mat-label>
        <input matInput formControlName="displayName" autocomplete="off" />
        <mat-error><hw-field-error [control]="form().controls.displayName" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.users.role' | transloco }}</mat-label>
        <mat-select formControlName="role">
          @for (role of roles; track role) {
            <mat-option [value]="role">{{ 'roles.' + role | transloco }}</mat-option>
          }
        </mat-select>
        <mat-error><hw-field-error [control]="form().controls.role" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.users.organisation' | transloco }}</mat-label>
        <mat-select formControlName="organisationId">
          @for (org of organisations(); track org.id) {
            <mat-option [value]="org.id">{{ org.name }} ({{ 'organisationKinds.' + org.kind | transloco }})</mat-option>
          }
        </mat-select>
        <mat-error><hw-field-error [control]="form().controls.organisationId" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.users.jurisdiction' | transloco }}</mat-label>
        <mat-select formControlName="jurisdictionCode">
          @for (j of jurisdictions(); track j.code) {
            <mat-option [value]="j.code" [style.padding-left.px]="16 + depth(j) * 16">
              {{ language() === 'zh-CN' ? j.name : j.nameEn }} · {{ j.code }}
            </mat-option>
          }
        </mat-select>
        <mat-error><hw-field-error [control]="form().controls.jurisdictionCode" /></mat-error>
      </mat-form-field>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserForm {
  readonly form = input.required<UserFormGroup>();
  /** Only when creating: the username cannot change later. */
  readonly username = input<FormControl<string>>();
  readonly organisations = input.required<Schemas['OrganisationDto'][]>();
  readonly jurisdictions = input.required<JurisdictionDto[]>();
  protected readonly language = inject(LanguageService).current;
  protected readonly roles = USER_ROLES;
  protected readonly depth = depthOf;
}
