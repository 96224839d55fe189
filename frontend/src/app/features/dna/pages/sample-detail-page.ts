import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { DnaApiService } from '../data/dna-api.service';
import type { SampleDetail } from '../data/dna-api.service';
import { toLocalInput } from '../data/sample-form';

/** One sample: consent, the custody timeline, and the next custody event (in the only allowed order). */
@Component({
  selector: 'hw-dna-sample-detail-page',
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
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.sample.title' | transloco }} {{ sample()?.barcode }}</h1>
      @if (sample(); as s) {
        @if (
          canEnterProfile && !s.hasProfile && s.custodyState !== 'destroyed'
        ) {
          <a
            mat-flat-button
            routerLink="/dna/profiles/new"
            [queryParams]="{ sample: s.barcode }"
            >{{ 'dna.entry.title' | transloco }}</a
          >
        }
      }
      <a mat-button routerLink="/dna/samples">{{
        'common.back' | transloco
      }}</a>
    </header>
    @if (loading()) {
      <mat-progress-bar
        mode="indeterminate"
        [attr.aria-label]="'common.loading' | transloco"
      />
    }
    @if (sample(); as s) {
      <dl class="hw-facts">
        <dt>{{ 'dna.field.kind' | transloco }}</dt>
        <dd>
          {{ 'dna.kind.' + s.kind | transloco }}
          @if (s.donorRelationship) {
            · {{ 'dna.donor.' + s.donorRelationship | transloco }}
          }
        </dd>
        @if (s.caseId) {
          <dt>{{ 'dna.field.case' | transloco }}</dt>
          <dd>
            <a [routerLink]="['/cases', s.caseId]">{{
              'dna.sample.openFile' | transloco
            }}</a>
          </dd>
        }
        @if (s.childDescription) {
          <dt>{{ 'dna.field.childDescription' | transloco }}</dt>
          <dd>{{ s.childDescription }}</dd>
        }
        <dt>{{ 'dna.field.consent' | transloco }}</dt>
        <dd>
          {{ s.consent.givenBy }} ·
          {{ s.consent.givenAt | hwDateTime: language() }} ·
          {{ 'dna.consentScope' | transloco }}
        </dd>
        <dt>{{ 'dna.field.retentionUntil' | transloco }}</dt>
        <dd>{{ s.retentionUntil }}</dd>
        <dt>{{ 'dna.field.profile' | transloco }}</dt>
        <dd>{{ (s.hasProfile ? 'common.yes' : 'common.no') | transloco }}</dd>
      </dl>

      <h2>{{ 'dna.sample.custody' | transloco }}</h2>
      <ol
        class="hw-timeline"
        [attr.aria-label]="'dna.sample.custody' | transloco"
      >
        @for (e of s.custody; track e.seq) {
          <li>
            <strong>{{ 'dna.custody.' + e.event | transloco }}</strong>
            · {{ e.occurredAt | hwDateTime: language() }} · {{ e.location }} ·
            {{ e.actorName }}
            @if (e.note) {
              <div class="hw-muted">{{ e.note }}</div>
            }
          </li>
        }
      </ol>

      @if (canUpdate() && s.allowedNextEvents.length) {
        <h2>{{ 'dna.sample.addEvent' | transloco }}</h2>
        <form class="hw-event-form" [formGroup]="form" (ngSubmit)="add(s)">
          <mat-form-field>
            <mat-label>{{ 'dna.field.event' | transloco }}</mat-label>
            <mat-select formControlName="event">
              <mat-select-trigger>{{
                'dna.custody.' + form.controls.event.value | transloco
              }}</mat-select-trigger>
              @for (e of s.allowedNextEvents; track e) {
                <mat-option [value]="e">{{
                  'dna.custody.' + e | transloco
                }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dna.field.occurredAt' | transloco }}</mat-label>
            <input
              matInput
              type="datetime-local"
              formControlName="occurredAt"
            />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dna.field.location' | transloco }}</mat-label>
            <input matInput formControlName="location" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dna.field.note' | transloco }}</mat-label>
            <input matInput formControlName="note" />
          </mat-form-field>
          <button
            mat-flat-button
            type="submit"
            [disabled]="form.invalid || busy()"
          >
            {{ 'dna.sample.addEvent' | transloco }}
          </button>
        </form>
        @if (eventError(); as e) {
          <p class="hw-error" role="alert">{{ e }}</p>
        }
        <p class="hw-muted">{{ 'dna.sample.orderHint' | transloco }}</p>
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
    .hw-timeline li {
      margin: 6px 0;
    }
    .hw-event-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SampleDetailPage {
  readonly id = input.required<string>();
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly ability = inject(AbilityService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;
  protected readonly sample = signal<SampleDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly canUpdate = computed(() =>
    this.ability.can('update', 'DnaSample'),
  );
  protected readonly canEnterProfile = this.ability.can('create', 'DnaProfile');
  protected readonly eventError = signal<string | null>(null);
  protected readonly form = new FormGroup({
    event: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    occurredAt: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    location: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    note: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    this.load();
  }

  protected add(s: SampleDetail): void {
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.eventError.set(null);
    this.api
      .addCustodyEvent(s.id, {
        event: v.event as never,
        occurredAt: new Date(v.occurredAt).toISOString(),
        location: v.location,
        note: v.note || undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.busy.set(false);
          this.show(updated);
        },
        error: (error: unknown) => {
          // An event out of order (someone else recorded one meanwhile) or after destruction: the API says why.
          this.busy.set(false);
          this.eventError.set(this.problems.message(error));
        },
      });
  }

  /** Shows the sample and offers the next allowed custody event, now, at the last place. */
  private show(s: SampleDetail): void {
    this.sample.set(s);
    this.form.reset({
      event: s.allowedNextEvents[0] ?? '',
      occurredAt: toLocalInput(new Date()),
      location: s.custody.at(-1)?.location ?? '',
      note: '',
    });
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .sample(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (s) => {
          this.show(s);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
