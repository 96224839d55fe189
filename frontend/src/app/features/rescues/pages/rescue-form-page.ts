import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { AbilityService } from '@hw/core/access/ability.service';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { FieldError } from '@hw/shared/ui/field-error';
import { rescueFormValue, rescueRequest, rescueUpdate } from '../data/rescue-form';
import { RescuesApiService } from '../data/rescues-api.service';

/** A rescue cannot lie in the future (a few minutes of clock difference aside, as the API allows). */
function notInFuture(control: AbstractControl): ValidationErrors | null {
  const value = control.value as string;
  return value && new Date(value).getTime() > Date.now() + 5 * 60_000 ? { future: true } : null;
}

/** Both coordinates or neither. */
function bothOrNeither(group: AbstractControl): ValidationErrors | null {
  const lat = group.get('lat')?.value;
  const lng = group.get('lng')?.value;
  return (lat === null || lat === '') !== (lng === null || lng === '') ? { position: true } : null;
}

/** Logs a rescue operation (the children are added on its page), or corrects one with the version read. */
@Component({
  selector: 'hw-rescue-form-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, FieldError],
  template: `
    <header class="hw-page-header">
      <h1>{{ (id() ? 'rescues.form.editTitle' : 'rescues.form.title') | transloco }}</h1>
      <a mat-button [routerLink]="id() ? ['/rescues', id()] : ['/rescues']">{{ 'common.back' | transloco }}</a>
    </header>
    <form class="hw-rescue-form" [formGroup]="form" (ngSubmit)="save()">
      <mat-form-field>
        <mat-label>{{ 'rescues.field.occurredAt' | transloco }}</mat-label>
        <input matInput type="datetime-local" formControlName="occurredAt" required />
        <mat-error>
          @if (form.controls.occurredAt.hasError('future')) {
            {{ 'rescues.form.future' | transloco }}
          } @else {
            <hw-field-error [control]="form.controls.occurredAt" />
          }
        </mat-error>
      </mat-form-field>
      <mat-form-field class="hw-wide">
        <mat-label>{{ 'rescues.field.place' | transloco }}</mat-label>
        <input matInput formControlName="place" required maxlength="500" />
        <mat-error><hw-field-error [control]="form.controls.place" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.field.lat' | transloco }}</mat-label>
        <input matInput type="number" step="any" formControlName="lat" />
        <mat-error><hw-field-error [control]="form.controls.lat" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.field.lng' | transloco }}</mat-label>
        <input matInput type="number" step="any" formControlName="lng" />
        <mat-error><hw-field-error [control]="form.controls.lng" /></mat-error>
      </mat-form-field>
      @if (form.hasError('position')) {
        <p class="hw-error" role="alert">{{ 'rescues.form.position' | transloco }}</p>
      }
      <mat-form-field>
        <mat-label>{{ 'rescues.field.jurisdictionCode' | transloco }}</mat-label>
        <input matInput formControlName="jurisdictionCode" required inputmode="numeric" />
        <mat-hint>{{ 'rescues.form.jurisdictionHint' | transloco }}</mat-hint>
        <mat-error><hw-field-error [control]="form.controls.jurisdictionCode" /></mat-error>
      </mat-form-field>
      @if (campaigns().length) {
        <mat-form-field>
          <mat-label>{{ 'rescues.field.campaign' | transloco }}</mat-label>
          <mat-select formControlName="campaignId">
            <mat-option value="">{{ 'rescues.form.noCampaign' | transloco }}</mat-option>
            @for (c of campaigns(); track c.id) {
              <mat-option [value]="c.id">{{ c.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'rescues.form.campaignHint' | transloco }}</mat-hint>
        </mat-form-field>
      }
      <mat-form-field class="hw-wide">
        <mat-label>{{ 'rescues.field.agencies' | transloco }}</mat-label>
        <textarea matInput formControlName="agencies" rows="2"></textarea>
        <mat-hint>{{ 'rescues.form.agenciesHint' | transloco }}</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.field.suspectsDetained' | transloco }}</mat-label>
        <input matInput type="number" min="0" max="10000" step="1" formControlName="suspectsDetained" />
        <mat-error><hw-field-error [control]="form.controls.suspectsDetained" /></mat-error>
      </mat-form-field>
      <mat-form-field class="hw-wide">
        <mat-label>{{ 'rescues.field.notes' | transloco }}</mat-label>
        <textarea matInput formControlName="notes" rows="4" maxlength="8000"></textarea>
        <mat-hint>{{ 'rescues.form.notesHint' | transloco }}</mat-hint>
      </mat-form-field>
      <div class="hw-form-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'rescues.form.save' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    .hw-rescue-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 8px 16px;
      max-width: 960px;
    }
    .hw-wide,
    .hw-form-actions,
    .hw-error {
      grid-column: 1 / -1;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RescueFormPage implements OnInit {
  /** Set when correcting a rescue (the route's :id). */
  readonly id = input<string>();
  private version = 0;
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly busy = signal(false);
  protected readonly campaigns = signal<Schemas['CampaignDto'][]>([]);
  protected readonly form = new FormGroup(
    {
      occurredAt: new FormControl('', { nonNullable: true, validators: [Validators.required, notInFuture] }),
      place: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }),
      lat: new FormControl<number | null>(null, [Validators.min(-90), Validators.max(90)]),
      lng: new FormControl<number | null>(null, [Validators.min(-180), Validators.max(180)]),
      jurisdictionCode: new FormControl(inject(AuthService).me()?.jurisdiction.code ?? '', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^[0-9A-Z]{2,12}$/)],
      }),
      campaignId: new FormControl('', { nonNullable: true }),
      agencies: new FormControl('', { nonNullable: true }),
      suspectsDetained: new FormControl<number | null>(0, [Validators.min(0), Validators.max(10000)]),
      notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(8000)] }),
    },
    { validators: bothOrNeither },
  );

  constructor() {
    if (inject(AbilityService).can('read', 'Campaign')) {
      this.api
        .campaigns()
        .pipe(takeUntilDestroyed())
        .subscribe({ next: (page) => this.campaigns.set(page.items.filter((c) => c.phase !== 'ended')), error: () => this.campaigns.set([]) });
    }
  }

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    this.busy.set(true);
    this.api
      .rescue(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.version = r.version;
          this.form.reset({ ...rescueFormValue(r), campaignId: '' });
          this.busy.set(false);
        },
        error: (error: unknown) => this.problems.show(error),
      });
  }

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const campaign = v.campaignId ? { campaignId: v.campaignId } : {};
    const id = this.id();
    this.busy.set(true);
    (id ? this.api.updateRescue(id, { ...rescueUpdate(v, this.version), ...campaign }) : this.api.createRescue({ ...rescueRequest(v), ...campaign }))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (rescue) => void this.router.navigate(['/rescues', rescue.id]),
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.applyToForm(error, this.form);
        },
      });
  }
}
