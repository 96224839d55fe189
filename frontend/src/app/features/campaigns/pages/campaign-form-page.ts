import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { campaignRequest, endNotBeforeStart } from '../data/campaign-form';
import { CampaignsApiService } from '../data/campaigns-api.service';
import type { Campaign } from '../data/campaigns-api.service';

/** Creates a campaign, or edits one (route `:id/edit`). Changing its place or days re-tags its records. */
@Component({
  selector: 'hw-campaign-form-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, FieldError],
  template: `
    <header class="hw-page-header">
      <h1>{{ (id() ? 'campaigns.form.editTitle' : 'campaigns.form.newTitle') | transloco }}</h1>
      <a mat-button [routerLink]="id() ? ['/campaigns', id()] : ['/campaigns']">{{ 'common.back' | transloco }}</a>
    </header>
    <form class="hw-campaign-form" [formGroup]="form" (ngSubmit)="save()">
      <mat-form-field class="hw-wide">
        <mat-label>{{ 'campaigns.field.name' | transloco }}</mat-label>
        <input matInput formControlName="name" required maxlength="200" />
        <mat-error><hw-field-error [control]="form.controls.name" /></mat-error>
      </mat-form-field>
      <mat-form-field class="hw-wide">
        <mat-label>{{ 'campaigns.field.goals' | transloco }}</mat-label>
        <textarea matInput formControlName="goals" rows="4" maxlength="4000"></textarea>
        <mat-error><hw-field-error [control]="form.controls.goals" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'campaigns.field.jurisdictionCode' | transloco }}</mat-label>
        <input matInput formControlName="jurisdictionCode" required inputmode="numeric" />
        <mat-hint>{{ 'campaigns.form.jurisdictionHint' | transloco }}</mat-hint>
        <mat-error><hw-field-error [control]="form.controls.jurisdictionCode" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'campaigns.field.startsOn' | transloco }}</mat-label>
        <input matInput type="date" formControlName="startsOn" required />
        <mat-error><hw-field-error [control]="form.controls.startsOn" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'campaigns.field.endsOn' | transloco }}</mat-label>
        <input matInput type="date" formControlName="endsOn" required />
        <mat-hint>{{ 'campaigns.form.daysHint' | transloco }}</mat-hint>
        <mat-error><hw-field-error [control]="form.controls.endsOn" /></mat-error>
      </mat-form-field>
      @if (form.hasError('endBeforeStart') && (form.controls.endsOn.touched || form.controls.startsOn.touched)) {
        <p class="hw-error" role="alert">{{ 'campaigns.form.endBeforeStart' | transloco }}</p>
      }
      <p class="hw-note">{{ 'campaigns.form.taggingNote' | transloco }}</p>
      <div class="hw-form-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'common.save' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    .hw-campaign-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 8px 16px;
      max-width: 960px;
    }
    .hw-wide,
    .hw-form-actions,
    .hw-error,
    .hw-note {
      grid-column: 1 / -1;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
    .hw-note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignFormPage implements OnInit {
  /** From the route: present when editing. */
  readonly id = input<string>();
  private readonly api = inject(CampaignsApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private version = 0;
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup(
    {
      name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)] }),
      goals: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(4000)] }),
      jurisdictionCode: new FormControl(inject(AuthService).me()?.jurisdiction.code ?? '', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^[0-9A-Z]{2,12}$/)],
      }),
      startsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      endsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: endNotBeforeStart },
  );

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    this.busy.set(true);
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (c) => {
          this.version = c.version;
          this.form.setValue({ name: c.name, goals: c.goals ?? '', jurisdictionCode: c.jurisdictionCode, startsOn: c.startsOn, endsOn: c.endsOn });
          this.busy.set(false);
        },
        error: (error: unknown) => this.problems.show(error),
      });
  }

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const body = campaignRequest(this.form.getRawValue());
    const id = this.id();
    this.busy.set(true);
    const request = id ? this.api.update(id, { ...body, goals: body.goals ?? null, version: this.version }) : this.api.create(body);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved: Campaign) => void this.router.navigate(['/campaigns', saved.id]),
      error: (error: unknown) => {
        this.busy.set(false);
        this.problems.applyToForm(error, this.form);
      },
    });
  }
}
