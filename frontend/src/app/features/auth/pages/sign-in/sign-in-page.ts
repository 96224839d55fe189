import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import type { LoginResponseDto, MfaEnrolmentDto } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService, problemOf } from '@hw/core/auth/problem.service';
import { LanguageSwitch } from '@hw/core/layout/language-switch';
import { FieldError } from '@hw/shared/ui/field-error';
import { OneTimeSecret } from '@hw/shared/ui/one-time-secret';

type Step = 'password' | 'code' | 'enrol' | 'recovery-codes';

@Component({
  selector: 'hw-sign-in-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    LanguageSwitch,
    FieldError,
    OneTimeSecret,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);

  /** `?reason=session-ended|signed-out` and `?returnUrl=` (router input binding). */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();

  protected readonly step = signal<Step>('password');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly enrolment = signal<MfaEnrolmentDto | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly notice = computed(() => {
    const reason = this.reason();
    return reason === 'session-ended' || reason === 'signed-out' ? `auth.notice.${reason}` : null;
  });
  private mfaToken = '';
  private passwordChangeRequired = false;

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly codeForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\s*[0-9A-Za-z-]{6,20}\s*$/)] }),
  });

  protected signIn(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.run(this.auth.login(username.trim(), password), (response) => this.afterFirstStep(response));
  }

  protected verifyCode(): void {
    if (this.codeForm.invalid || this.busy()) {
      this.codeForm.markAllAsTouched();
      return;
    }
    const code = this.codeForm.getRawValue().code.replace(/\s+/g, '');
    this.run(this.auth.verifyMfa(this.mfaToken, code), (response) => {
      if (response.recoveryCodes?.length) {
        this.passwordChangeRequired = response.passwordChangeRequired === true;
        this.recoveryCodes.set(response.recoveryCodes);
        this.step.set('recovery-codes');
      } else {
        void this.finish(response.passwordChangeRequired === true);
      }
    });
  }

  protected recoveryCodesSaved(): void {
    void this.finish(this.passwordChangeRequired);
  }

  protected startOver(): void {
    this.step.set('password');
    this.error.set(null);
    this.codeForm.reset();
    this.form.controls.password.reset();
  }

  private afterFirstStep(response: LoginResponseDto): void {
    if (response.mfaRequired && response.mfaToken) {
      this.mfaToken = response.mfaToken;
      if (response.mfaEnrolmentRequired) {
        this.run(this.auth.startMfaEnrolment(this.mfaToken), (enrolment) => {
          this.enrolment.set(enrolment);
          this.step.set('enrol');
        });
      } else {
        this.step.set('code');
      }
      return;
    }
    void this.finish(response.passwordChangeRequired === true);
  }

  private async finish(passwordChangeRequired: boolean): Promise<void> {
    if (passwordChangeRequired) {
      await this.router.navigate(['/auth/change-password']);
      return;
    }
    this.busy.set(true);
    try {
      await this.auth.loadMe();
      const target = this.returnUrl();
      await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/');
    } catch (error) {
      this.error.set(this.problems.message(error));
    } finally {
      this.busy.set(false);
    }
  }

  private run<T>(request: Observable<T>, next: (value: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: (value) => {
        this.busy.set(false);
        next(value);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(this.messageFor(error));
      },
    });
  }

  private messageFor(error: unknown): string {
    const problem = problemOf(error);
    if (problem?.status === 429 && error instanceof HttpErrorResponse) {
      const seconds = Number(error.headers.get('Retry-After') ?? 60);
      return this.transloco.translate('auth.errors.tooManyAttempts', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    }
    if (problem?.status === 401 && this.step() === 'password') return this.transloco.translate('auth.errors.invalidCredentials');
    if (problem?.status === 401) return this.transloco.translate('auth.errors.invalidCode');
    return this.problems.message(error);
  }
}
