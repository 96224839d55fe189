import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import { OneTimeSecret } from '@hw/shared/ui/one-time-secret';

/** The new one-time password after a reset: shown once, closed only after "I saved it". */
@Component({
  selector: 'hw-temporary-password-dialog',
  imports: [MatDialogModule, TranslocoPipe, OneTimeSecret],
  template: `
    <h2 mat-dialog-title>{{ 'admin.users.resetDoneTitle' | transloco: { username: data.username } }}</h2>
    <mat-dialog-content>
      <hw-one-time-secret
        [lines]="[data.temporaryPassword]"
        [label]="'admin.users.temporaryPassword' | transloco"
        [warning]="'admin.users.temporaryPasswordWarning' | transloco"
        [confirmLabel]="'admin.users.temporaryPasswordSaved' | transloco"
        [doneLabel]="'common.close' | transloco"
        (done)="ref.close()"
      />
    </mat-dialog-content>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemporaryPasswordDialog {
  protected readonly data = inject<{ username: string; temporaryPassword: string }>(MAT_DIALOG_DATA);
  protected readonly ref = inject(MatDialogRef);
}
