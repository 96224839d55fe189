import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { API } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageSwitch } from '@hw/core/layout/language-switch';
import { FieldError } from '@hw/shared/ui/field-error';

function sameAsNewPassword(control: AbstractControl): ValidationErrors | null {
  const form = control.parent as FormGroup | null;
  return form && control.value !== form.get('newPassword')?.value ? { mismatch: true } : null;
}

@Component({
  selector: 'hw-change-password-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    LanguageSwitch,
    FieldError,
  ],
  templateUrl: './change-password-page.html',
  styleUrl: '../sign-in/sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);

  protected readonly required = this.auth.me()?.user.mustChangePassword ?? true;
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(12), Validators.maxLength(128)],
    }),
    repeatPassword: new FormControl('', { nonNullable: true, validators: [Validators.required, sameAsNewPassword] }),
  });

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() => this.form.controls.repeatPassword.updateValueAndValidity());
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    const body: Schemas['ChangePasswordDto'] = { currentPassword, newPassword };
    this.busy.set(true);
    try {
      await firstValueFrom(this.http.post<void>(`${API}/me/password`, body));
      // The session's token still says "must change": take a fresh one before going on.
      await firstValueFrom(this.auth.refresh());
      await this.auth.loadMe();
      this.problems.notify(this.transloco.translate('auth.changePassword.done'));
      await this.router.navigateByUrl('/');
    } catch (error) {
      this.problems.applyToForm(error, this.form);
    } finally {
      this.busy.set(false);
    }
  }

  protected cancel(): void {
    if (this.required) void this.auth.logout();
    else void this.router.navigateByUrl('/');
  }
}
