import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { OneTimeSecret } from '@hw/shared/ui/one-time-secret';
import { UserForm } from '../../components/user-form';
import type { UserFormGroup } from '../../components/user-form';
import { referenceData } from '../../data/reference-data';
import { UsersApiService } from '../../data/users-api.service';
import type { UserRole } from '../../data/users-api.service';

@Component({
  selector: 'hw-user-create-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, TranslocoPipe, UserForm, OneTimeSecret],
  template: `
    <header class="hw-page-header">
      <a mat-icon-button routerLink="/admin/users" [attr.aria-label]="'common.back' | transloco">
        <mat-icon svgIcon="arrow_back" />
      </a>
      <h1>{{ 'admin.users.create' | transloco }}</h1>
    </header>
    <mat-card appearance="outlined" class="hw-create-card">
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      <mat-card-content>
        @if (created(); as created) {
          <h2>{{ 'admin.users.createdTitle' | transloco: { username: created.user.username } }}</h2>
          <hw-one-time-secret
            [lines]="[created.temporaryPassword]"
            [label]="'admin.users.temporaryPassword' | transloco"
            [warning]="'admin.users.temporaryPasswordWarning' | transloco"
            [confirmLabel]="'admin.users.temporaryPasswordSaved' | transloco"
            [doneLabel]="'admin.users.openAccount' | transloco"
            (done)="openCreated()"
          />
        } @else {
          <form (ngSubmit)="submit()" novalidate>
            <hw-user-form [form]="form" [username]="username" [organisations]="ref.organisations()" [jurisdictions]="ref.jurisdictions()" />
            <div class="hw-form-actions">
              <a mat-button routerLink="/admin/users">{{ 'common.cancel' | transloco }}</a>
              <button mat-flat-button type="submit" [disabled]="busy()">{{ 'admin.users.createSubmit' | transloco }}</button>
            </div>
          </form>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .hw-create-card {
      max-width: 560px;
      overflow: hidden;
    }
    .hw-form-actions {
      margin-top: 12px;
      max-width: 480px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserCreatePage {
  private readonly api = inject(UsersApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  protected readonly ref = referenceData();
  protected readonly busy = signal(false);
  protected readonly created = signal<Schemas['UserWithTemporaryPasswordDto'] | null>(null);

  protected readonly username = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(64), Validators.pattern(/^[a-z0-9._-]+$/)],
  });
  protected readonly form: UserFormGroup = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120)] }),
    role: new FormControl<UserRole>('officer', { nonNullable: true, validators: [Validators.required] }),
    organisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    jurisdictionCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected submit(): void {
    if (this.form.invalid || this.username.invalid || this.busy()) {
      this.form.markAllAsTouched();
      this.username.markAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: Schemas['CreateUserDto'] = { ...value, username: this.username.value.trim(), displayName: value.displayName.trim() };
    this.busy.set(true);
    this.api.create(body).subscribe({
      next: (created) => {
        this.busy.set(false);
        this.created.set(created);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problems.applyToForm(error, { ...this.form.controls, username: this.username });
      },
    });
  }

  protected openCreated(): void {
    const created = this.created();
    if (created) void this.router.navigate(['/admin/users', created.user.id]);
  }
}
