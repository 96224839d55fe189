import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { FieldError } from '@hw/shared/ui/field-error';
import { AttachmentImage } from '@hw/shared/ui/attachment-image';
import { openDnaSample } from '../components/dna-sample-dialog';
import { openPlacement } from '../components/placement-dialog';
import { childLabel } from '../data/rescue-form';
import { RescuesApiService } from '../data/rescues-api.service';
import type { RescuedChild } from '../data/rescues-api.service';

/**
 * One rescued child: the rescue, the file if identified, the care record (editable by the police and
 * by the NGO caring for the child), the placement, and the child's DNA sample.
 */
@Component({
  selector: 'hw-rescued-child-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    DateTimePipe,
    FieldError,
    AttachmentImage,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ title() }}</h1>
      @if (child(); as c) {
        @if (c.canPlace) {
          <button mat-stroked-button type="button" (click)="place(c)">{{ 'rescues.placement.title' | transloco }}</button>
        }
        @if (c.canStartDnaSample && !hasSample()) {
          <button mat-flat-button type="button" (click)="startSample(c)">{{ 'rescues.dna.start' | transloco }}</button>
        }
        @if (canLogReunion && c.status === 'in_care') {
          <a mat-stroked-button [routerLink]="['/reunions/new']" [queryParams]="{ rescuedChildId: c.id }">{{ 'rescues.child.logReunion' | transloco }}</a>
        }
      }
      <a mat-button routerLink="/rescued-children">{{ 'common.back' | transloco }}</a>
    </header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (child(); as c) {
      <dl class="hw-facts">
        <dt>{{ 'rescues.field.rescue' | transloco }}</dt>
        <dd>
          @if (canReadRescue) {
            <a [routerLink]="['/rescues', c.rescue.id]">{{ c.rescue.occurredAt | hwDateTime: language() }} · {{ c.rescue.place }}</a>
          } @else {
            {{ c.rescue.occurredAt | hwDateTime: language() }} · {{ c.rescue.place }}
          }
        </dd>
        @if (c.case !== undefined) {
          <dt>{{ 'rescues.field.case' | transloco }}</dt>
          <dd>
            @if (c.case; as file) {
              @if (canReadCase) {
                <a [routerLink]="['/cases', file.id]">{{ file.caseNumber }}</a>
              } @else {
                {{ file.caseNumber }}
              }
              · {{ file.childFullName }} · {{ 'rescues.caseStatus.' + file.status | transloco }}
            } @else {
              {{ 'rescues.child.seekingFamily' | transloco }}
            }
          </dd>
        }
        <dt>{{ 'rescues.field.sexAge' | transloco }}</dt>
        <dd>
          {{ 'rescues.sex.' + c.sex | transloco }}
          @if (c.estimatedAgeYears !== null) {
            · {{ 'rescues.child.age' | transloco: { years: c.estimatedAgeYears } }}
          }
        </dd>
        @if (c.status) {
          <dt>{{ 'rescues.field.status' | transloco }}</dt>
          <dd>{{ 'rescues.status.' + c.status | transloco }}</dd>
        }
        @if (c.placement !== undefined) {
          <dt>{{ 'rescues.field.placement' | transloco }}</dt>
          <dd>
            @if (c.placement; as p) {
              {{ p.organisationName ?? p.shelter }} · {{ p.placedAt | hwDateTime: language() }}
            } @else {
              {{ 'rescues.placement.none' | transloco }}
            }
          </dd>
        }
        @if (c.dnaSamples) {
          <dt>{{ 'rescues.field.dnaSamples' | transloco }}</dt>
          <dd>
            @for (s of c.dnaSamples; track s.id) {
              <a [routerLink]="['/dna/samples', s.id]">{{ s.barcode }}</a>
              ({{ 'rescues.custody.' + s.custodyState | transloco }})
            } @empty {
              {{ 'rescues.dna.none' | transloco }}
            }
          </dd>
        }
      </dl>

      @if (c.view !== 'outline') {
        <header class="hw-section-header">
          <h2>{{ 'rescues.photos.title' | transloco }}</h2>
          @if (c.canChangePhotos) {
            <label class="hw-upload" mat-stroked-button>
              {{ 'rescues.photos.add' | transloco }}
              <input type="file" accept="image/jpeg,image/png,image/webp,image/heic" (change)="upload(c, $event)" [disabled]="busy()" />
            </label>
          }
        </header>
        <p class="hw-muted">{{ 'rescues.photos.hint' | transloco }}</p>
        <div class="hw-photos">
          @for (p of photos(); track p.id) {
            <hw-attachment-image [attachmentId]="p.id" variant="thumbnail" objectFit="cover" [alt]="'rescues.photos.alt' | transloco: { child: title() }" />
          } @empty {
            <p>{{ 'rescues.photos.none' | transloco }}</p>
          }
        </div>
        <h2>{{ 'rescues.care.title' | transloco }}</h2>
        <form class="hw-care-form" [formGroup]="form" (ngSubmit)="save(c)">
          <mat-form-field>
            <mat-label>{{ 'rescues.field.name' | transloco }}</mat-label>
            <input matInput formControlName="name" maxlength="100" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'rescues.field.sex' | transloco }}</mat-label>
            <mat-select formControlName="sex">
              @for (s of sexes; track s) {
                <mat-option [value]="s">{{ 'rescues.sex.' + s | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'rescues.field.estimatedAgeYears' | transloco }}</mat-label>
            <input matInput type="number" min="0" max="25" step="0.5" formControlName="estimatedAgeYears" />
            <mat-error><hw-field-error [control]="form.controls.estimatedAgeYears" /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'rescues.field.dialect' | transloco }}</mat-label>
            <input matInput formControlName="dialect" maxlength="100" />
          </mat-form-field>
          <mat-form-field class="hw-wide">
            <mat-label>{{ 'rescues.field.condition' | transloco }}</mat-label>
            <textarea matInput formControlName="condition" rows="3" maxlength="2000"></textarea>
          </mat-form-field>
          <mat-form-field class="hw-wide">
            <mat-label>{{ 'rescues.field.injuriesOrDisabilities' | transloco }}</mat-label>
            <textarea matInput formControlName="injuriesOrDisabilities" rows="3" maxlength="2000"></textarea>
          </mat-form-field>
          @if (c.editableFields.length) {
            <div class="hw-form-actions">
              <button mat-flat-button type="submit" [disabled]="busy() || form.pristine">{{ 'common.save' | transloco }}</button>
            </div>
          }
        </form>
      }
    }
  `,
  styles: `
    .hw-facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .hw-facts dt {
      font-weight: 500;
    }
    .hw-facts dd {
      margin: 0;
    }
    .hw-care-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 8px 16px;
      max-width: 960px;
    }
    .hw-wide,
    .hw-form-actions {
      grid-column: 1 / -1;
    }
    .hw-section-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-top: 24px;
    }
    .hw-upload input {
      display: none;
    }
    .hw-upload {
      cursor: pointer;
    }
    .hw-photos {
      display: grid;
      grid-template-columns: repeat(auto-fill, 160px);
      gap: 8px;
    }
    .hw-photos hw-attachment-image {
      height: 160px;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RescuedChildDetailPage implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly ability = inject(AbilityService);
  protected readonly language = inject(LanguageService).current;
  protected readonly canReadRescue = this.ability.can('read', 'Rescue');
  protected readonly canReadCase = this.ability.can('read', 'Case');
  protected readonly canLogReunion = this.ability.can('create', 'Reunion');
  protected readonly sexes = ['male', 'female', 'unknown'] as const;
  protected readonly child = signal<RescuedChild | null>(null);
  protected readonly photos = signal<Schemas['AttachmentDto'][]>([]);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly title = computed(() => {
    const c = this.child();
    return c ? childLabel(c) : this.transloco.translate('rescues.child.title');
  });
  /** A sample that was not destroyed: a second one is not needed (the API refuses it too). */
  protected readonly hasSample = computed(() => (this.child()?.dnaSamples ?? []).some((s) => s.custodyState !== 'destroyed'));
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    sex: new FormControl<'male' | 'female' | 'unknown'>('unknown', { nonNullable: true }),
    estimatedAgeYears: new FormControl<number | null>(null, [Validators.min(0), Validators.max(25)]),
    dialect: new FormControl('', { nonNullable: true }),
    condition: new FormControl('', { nonNullable: true }),
    injuriesOrDisabilities: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    this.api
      .child(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (c) => {
          this.show(c);
          this.loading.set(false);
          if (c.view !== 'outline') this.loadPhotos(c.id);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }

  protected save(c: RescuedChild): void {
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.api
      .updateChild(c.id, {
        version: c.version,
        name: v.name.trim() || null,
        sex: v.sex,
        estimatedAgeYears: v.estimatedAgeYears,
        dialect: v.dialect.trim() || null,
        condition: v.condition.trim() || null,
        injuriesOrDisabilities: v.injuriesOrDisabilities.trim() || null,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.busy.set(false);
          this.show(updated);
          this.problems.notify(this.transloco.translate('rescues.care.saved'));
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.applyToForm(error, this.form);
        },
      });
  }

  protected upload(c: RescuedChild, event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.busy.set(true);
    this.api
      .uploadPhoto(c.id, file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.loadPhotos(c.id);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.show(error);
        },
      });
  }

  private loadPhotos(id: string): void {
    this.api
      .photos(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (list) => this.photos.set(list.items), error: (error: unknown) => this.problems.show(error) });
  }

  protected place(c: RescuedChild): void {
    openPlacement(this.dialog, c)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((updated) => {
        if (!updated) return;
        this.show(updated);
        this.problems.notify(this.transloco.translate('rescues.placement.saved'));
      });
  }

  protected startSample(c: RescuedChild): void {
    openDnaSample(this.dialog, c)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((updated) => {
        if (!updated) return;
        this.show(updated);
        this.problems.notify(this.transloco.translate('rescues.dna.started'));
      });
  }

  /** Shows the child; the care form holds the record, editable only where the caller may change it. */
  private show(c: RescuedChild): void {
    this.child.set(c);
    this.form.reset({
      name: c.name ?? '',
      sex: c.sex,
      estimatedAgeYears: c.estimatedAgeYears,
      dialect: c.dialect ?? '',
      condition: c.condition ?? '',
      injuriesOrDisabilities: c.injuriesOrDisabilities ?? '',
    });
    for (const [field, control] of Object.entries(this.form.controls)) {
      if (c.editableFields.includes(field)) control.enable();
      else control.disable();
    }
  }
}
