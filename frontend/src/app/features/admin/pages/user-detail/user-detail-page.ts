import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { confirmAction } from '@hw/shared/ui/confirm-dialog';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { NotFoundPage } from '../../../not-found/pages/not-found/not-found-page';
import { TemporaryPasswordDialog } from '../../components/temporary-password-dialog';
import { UserForm } from '../../components/user-form';
import type { UserFormGroup } from '../../components/user-form';
import { referenceData } from '../../data/reference-data';
import { UsersApiService } from '../../data/users-api.service';
import type { UserRole } from '../../data/users-api.service';

type UserDto = Schemas['UserDto'];

@Component({
  selector: 'hw-user-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    DateTimePipe,
    UserForm,
    NotFoundPage,
  ],
  templateUrl: './user-detail-page.html',
  styleUrl: './user-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserDetailPage {
  private readonly api = inject(UsersApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly ability = inject(AbilityService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly user = signal<UserDto | null>(null);
  protected readonly notFound = signal(false);
  protected readonly busy = signal(false);
  protected readonly canUpdate = computed(() => this.ability.can('update', 'User'));
  protected readonly canUnlock = computed(() => this.ability.can('unlock', 'User'));
  protected readonly canReset = computed(() => this.ability.can('reset_password', 'User'));
  protected readonly isSelf = computed(() => this.user()?.id === this.auth.me()?.user.id);
  protected ref: ReturnType<typeof referenceData> | null = null;

  protected readonly form: UserFormGroup = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120)] }),
    role: new FormControl<UserRole>('officer', { nonNullable: true, validators: [Validators.required] }),
    organisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    jurisdictionCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    if (this.ability.can('update', 'User')) this.ref = referenceData();
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    this.destroyRef.onDestroy(() => this.dialog.closeAll());
  }

  protected save(): void {
    const user = this.user();
    if (!user || this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.run(this.api.update(user.id, this.form.getRawValue()), 'admin.users.saved', (error) => this.problems.applyToForm(error, this.form));
  }

  protected toggleDisabled(): void {
    const user = this.user();
    if (!user) return;
    const disable = user.status !== 'disabled';
    const t = (key: string) => this.transloco.translate(key, { name: user.displayName });
    confirmAction(this.dialog, {
      title: t(disable ? 'admin.users.disableTitle' : 'admin.users.enableTitle'),
      message: t(disable ? 'admin.users.disableMessage' : 'admin.users.enableMessage'),
      confirm: t(disable ? 'admin.users.disable' : 'admin.users.enable'),
      destructive: disable,
    }).subscribe((ok) => {
      if (ok) this.run(this.api.update(user.id, { disabled: disable }), disable ? 'admin.users.disabled' : 'admin.users.enabled');
    });
  }

  protected unlock(): void {
    const user = this.user();
    if (!user) return;
    const t = (key: string) => this.transloco.translate(key, { name: user.displayName });
    confirmAction(this.dialog, {
      title: t('admin.users.unlockTitle'),
      message: t('admin.users.unlockMessage'),
      confirm: t('admin.users.unlock'),
    }).subscribe((ok) => {
      if (ok) this.run(this.api.unlock(user.id), 'admin.users.unlocked');
    });
  }

  protected resetPassword(): void {
    const user = this.user();
    if (!user) return;
    const t = (key: string) => this.transloco.translate(key, { name: user.displayName });
    confirmAction(this.dialog, {
      title: t('admin.users.resetTitle'),
      message: t('admin.users.resetMessage'),
      confirm: t('admin.users.reset'),
      destructive: true,
    }).subscribe((ok) => {
      if (!ok) return;
      this.busy.set(true);
      this.api.resetPassword(user.id).subscribe({
        next: (result) => {
          this.busy.set(false);
          this.show(result.user);
          this.dialog.open(TemporaryPasswordDialog, {
            data: { username: result.user.username, temporaryPassword: result.temporaryPassword },
            disableClose: true,
            width: '480px',
          });
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.show(error);
        },
      });
    });
  }

  private load(id: string): void {
    this.busy.set(true);
    this.notFound.set(false);
    this.api.get(id).subscribe({
      next: (user) => {
        this.busy.set(false);
        this.show(user);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 403)) this.notFound.set(true);
        else this.problems.show(error);
      },
    });
  }

  private show(user: UserDto): void {
    this.user.set(user);
    this.form.reset({
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisation.id,
      jurisdictionCode: user.jurisdiction.code,
    });
  }

  private run(request: Observable<UserDto>, doneKey: string, onError?: (error: unknown) => void): void {
    this.busy.set(true);
    request.subscribe({
      next: (user) => {
        this.busy.set(false);
        this.show(user);
        this.problems.notify(this.transloco.translate(doneKey, { name: user.displayName }));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (onError) onError(error);
        else this.problems.show(error);
      },
    });
  }
}
