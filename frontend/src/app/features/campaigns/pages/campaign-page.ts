import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { confirmAction } from '@hw/shared/ui/confirm-dialog';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { filter, map, of, switchMap, timer } from 'rxjs';
import { parseRecordReference, recordLink } from '../data/campaign-form';
import { CampaignsApiService, RECORD_TYPES } from '../data/campaigns-api.service';
import type { CampaignDetail, CampaignRecord, CampaignRecordType } from '../data/campaigns-api.service';

/** The figures refresh on their own this often while the page is open. */
const REFRESH_MS = 15_000;

/** A campaign: its goals, its figures as they change, and the records tagged to it (take out, add, put back). */
@Component({
  selector: 'hw-campaign-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
  ],
  template: `
    @let c = campaign();
    <header class="hw-page-header">
      <h1>{{ c?.name ?? ('common.loading' | transloco) }}</h1>
      <a mat-button routerLink="/campaigns">{{ 'common.back' | transloco }}</a>
      @if (c && canUpdate) {
        <a mat-stroked-button [routerLink]="['/campaigns', c.id, 'edit']"><mat-icon svgIcon="edit" />{{ 'campaigns.page.edit' | transloco }}</a>
      }
    </header>
    @if (c) {
      <p class="hw-meta">
        {{ lang() === 'en' ? c.jurisdictionNameEn : c.jurisdictionName }} · {{ c.startsOn }} – {{ c.endsOn }} ·
        <span class="hw-status" [class]="c.phase">{{ 'campaigns.phase.' + c.phase | transloco }}</span>
      </p>
      @if (c.goals) {
        <section class="hw-goals" [attr.aria-label]="'campaigns.field.goals' | transloco">
          <h2>{{ 'campaigns.field.goals' | transloco }}</h2>
          <p>{{ c.goals }}</p>
        </section>
      }
      <section [attr.aria-label]="'campaigns.page.figures' | transloco">
        <h2>
          {{ 'campaigns.page.figures' | transloco }}
          <small class="hw-muted">{{ 'campaigns.page.refreshed' | transloco: { time: (refreshedAt() | hwDateTime: lang()) } }}</small>
        </h2>
        <dl class="hw-figures">
          @for (f of figures(); track f.key) {
            <div class="hw-figure">
              <dt>{{ 'campaigns.figure.' + f.key | transloco }}</dt>
              <dd>{{ f.value === null ? '—' : (f.value | number: '1.0-1') }}</dd>
            </div>
          }
        </dl>
      </section>
    }
    <section class="hw-records" [attr.aria-label]="'campaigns.page.records' | transloco">
      <h2>{{ 'campaigns.page.records' | transloco }}</h2>
      <div class="hw-filters">
        <mat-button-toggle-group [value]="showExcluded()" (change)="setExcluded($event.value)" [attr.aria-label]="'campaigns.page.records' | transloco">
          <mat-button-toggle [value]="false">{{ 'campaigns.page.tagged' | transloco }}</mat-button-toggle>
          <mat-button-toggle [value]="true">{{ 'campaigns.page.excluded' | transloco }}</mat-button-toggle>
        </mat-button-toggle-group>
        <mat-form-field>
          <mat-label>{{ 'campaigns.field.recordType' | transloco }}</mat-label>
          <mat-select [formControl]="typeFilter">
            <mat-option value="all">{{ 'common.all' | transloco }}</mat-option>
            @for (t of types; track t) {
              <mat-option [value]="t">{{ 'campaigns.recordType.' + t | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      @if (canUpdate && !showExcluded()) {
        <form class="hw-add" [formGroup]="addForm" (ngSubmit)="add()">
          <mat-form-field>
            <mat-label>{{ 'campaigns.field.recordType' | transloco }}</mat-label>
            <mat-select formControlName="recordType">
              @for (t of types; track t) {
                <mat-option [value]="t">{{ 'campaigns.recordType.' + t | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="hw-reference">
            <mat-label>{{ 'campaigns.add.reference' | transloco }}</mat-label>
            <input matInput formControlName="reference" />
            <mat-hint>{{ 'campaigns.add.hint' | transloco }}</mat-hint>
            <mat-error>
              @if (addForm.controls.reference.hasError('server')) {
                {{ addForm.controls.reference.getError('server') }}
              } @else {
                {{ 'campaigns.add.invalid' | transloco }}
              }
            </mat-error>
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="busy()"><mat-icon svgIcon="add" />{{ 'campaigns.add.submit' | transloco }}</button>
        </form>
      }
      <div class="hw-table-wrap">
        @if (loadingRecords()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
        }
        @let result = records();
        @if (result && result.items.length) {
          <table mat-table [dataSource]="result.items" [attr.aria-label]="'campaigns.page.records' | transloco">
            <ng-container matColumnDef="type">
              <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.recordType' | transloco }}</th>
              <td mat-cell *matCellDef="let r">{{ 'campaigns.recordType.' + r.recordType | transloco }}</td>
            </ng-container>
            <ng-container matColumnDef="label">
              <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.record' | transloco }}</th>
              <td mat-cell *matCellDef="let r"><a [routerLink]="link(r)">{{ r.label }}</a></td>
            </ng-container>
            <ng-container matColumnDef="at">
              <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.at' | transloco }}</th>
              <td mat-cell *matCellDef="let r">{{ r.at | hwDateTime: lang() }}</td>
            </ng-container>
            <ng-container matColumnDef="detail">
              <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.detail' | transloco }}</th>
              <td mat-cell *matCellDef="let r">
                @if (r.recordType === 'rescue') {
                  {{ 'campaigns.page.children' | transloco: { count: r.detail } }}
                } @else {
                  {{ 'campaigns.status.' + r.detail | transloco }}
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="origin">
              <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.origin' | transloco }}</th>
              <td mat-cell *matCellDef="let r">{{ 'campaigns.origin.' + r.origin | transloco }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef>{{ 'common.actions' | transloco }}</th>
              <td mat-cell *matCellDef="let r">
                @if (r.excluded) {
                  <button mat-button type="button" [disabled]="busy()" (click)="putBack(r)">{{ 'campaigns.page.putBack' | transloco }}</button>
                } @else {
                  <button mat-button type="button" class="hw-danger-text" [disabled]="busy()" (click)="remove(r)">{{ 'campaigns.page.remove' | transloco }}</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let r; columns: columns()"></tr>
          </table>
        } @else if (result && !loadingRecords()) {
          <hw-empty-state
            icon="inbox"
            [title]="(showExcluded() ? 'campaigns.page.noneExcluded' : 'campaigns.page.noneTagged') | transloco"
            [hint]="(showExcluded() ? 'campaigns.page.noneExcludedHint' : 'campaigns.page.noneTaggedHint') | transloco"
          />
        }
        <mat-paginator
          [length]="result?.total ?? 0"
          [pageIndex]="pageIndex()"
          [pageSize]="pageSize()"
          [pageSizeOptions]="[10, 25, 50, 100]"
          (page)="onPage($event)"
        />
      </div>
    </section>
  `,
  styles: `
    .hw-meta,
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .hw-muted {
      font-size: 0.75em;
      font-weight: normal;
      margin-left: 8px;
    }
    .hw-goals p {
      white-space: pre-line;
      max-width: 72ch;
    }
    .hw-figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 12px;
      margin: 0 0 24px;
    }
    .hw-figure {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      dt {
        color: var(--mat-sys-on-surface-variant);
        font-size: 0.875rem;
      }
      dd {
        margin: 4px 0 0;
        font-size: 1.75rem;
        font-weight: 500;
      }
    }
    .hw-filters,
    .hw-add {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
    }
    .hw-reference {
      min-width: 320px;
      flex: 1;
    }
    .hw-danger-text {
      color: var(--mat-sys-error);
    }
    .hw-status {
      &.active {
        background: #d7f5dd;
        color: #0b5a1e;
      }
      &.upcoming {
        background: #d6e3ff;
        color: #0a3a7a;
      }
      &.ended {
        background: var(--mat-sys-surface-container-highest);
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignPage implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(CampaignsApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly lang = inject(LanguageService).current;
  protected readonly canUpdate = inject(AbilityService).can('update', 'Campaign');
  protected readonly types = RECORD_TYPES;
  protected readonly campaign = signal<CampaignDetail | null>(null);
  protected readonly refreshedAt = signal<string | null>(null);
  protected readonly records = signal<Schemas['CampaignRecordPageDto'] | null>(null);
  protected readonly loadingRecords = signal(true);
  protected readonly busy = signal(false);
  protected readonly showExcluded = signal(false);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly typeFilter = new FormControl<CampaignRecordType | 'all'>('all', { nonNullable: true });
  protected readonly addForm = new FormGroup({
    recordType: new FormControl<CampaignRecordType>('case', { nonNullable: true }),
    reference: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly columns = computed(() => ['type', 'label', 'at', 'detail', 'origin', ...(this.canUpdate ? ['actions'] : [])]);
  protected readonly figures = computed(() => {
    const f = this.campaign()?.figures;
    if (!f) return [];
    return [
      { key: 'rescues', value: f.rescues },
      { key: 'childrenRecovered', value: f.childrenRecoveredIdentified + f.childrenRecoveredUnidentified },
      { key: 'childrenIdentified', value: f.childrenRecoveredIdentified },
      { key: 'childrenUnidentified', value: f.childrenRecoveredUnidentified },
      { key: 'reunited', value: f.reunited },
      { key: 'suspectsDetained', value: f.suspectsDetained },
      { key: 'filesOpened', value: f.filesOpened },
      { key: 'filesClosed', value: f.filesClosed },
      { key: 'sightingsReceived', value: f.sightingsReceived },
      { key: 'sightingsLinked', value: f.sightingsLinked },
      { key: 'dnaMatchesConfirmed', value: f.dnaMatchesConfirmed },
      { key: 'medianDaysMissingToFound', value: f.medianDaysMissingToFound },
      { key: 'medianDaysFoundToReunited', value: f.medianDaysFoundToReunited },
    ];
  });

  constructor() {
    this.typeFilter.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.pageIndex.set(0);
      this.loadRecords();
    });
  }

  ngOnInit(): void {
    // The figures change as records are written and tagged: poll while the page is open.
    timer(0, REFRESH_MS)
      .pipe(
        switchMap(() => this.api.get(this.id())),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (campaign) => {
          this.campaign.set(campaign);
          this.refreshedAt.set(new Date().toISOString());
        },
        error: (error: unknown) => this.problems.show(error),
      });
    this.loadRecords();
  }

  protected link(r: CampaignRecord): string[] {
    return recordLink(r.recordType, r.recordId);
  }

  protected setExcluded(excluded: boolean): void {
    this.showExcluded.set(excluded);
    this.pageIndex.set(0);
    this.loadRecords();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.loadRecords();
  }

  protected remove(r: CampaignRecord): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('campaigns.remove.title'),
      message: this.transloco.translate('campaigns.remove.message', { label: r.label }),
      confirm: this.transloco.translate('campaigns.remove.confirm'),
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(true);
          return this.api.removeRecord(this.id(), r.recordType, r.recordId);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.changed('campaigns.remove.done'),
        error: (error: unknown) => this.failed(error),
      });
  }

  protected putBack(r: CampaignRecord): void {
    this.busy.set(true);
    this.api
      .addRecord(this.id(), r.recordType, r.recordId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: () => this.changed('campaigns.add.putBack'), error: (error: unknown) => this.failed(error) });
  }

  protected add(): void {
    this.addForm.markAllAsTouched();
    const { recordType, reference } = this.addForm.getRawValue();
    const parsed = parseRecordReference(recordType, reference);
    if (!parsed) {
      this.addForm.controls.reference.setErrors({ invalid: true });
      return;
    }
    this.busy.set(true);
    const id$ =
      'id' in parsed
        ? of(parsed.id)
        : this.api.findCaseByNumber(parsed.caseNumber).pipe(map((page) => page.items.find((c) => c.caseNumber === parsed.caseNumber)?.id ?? null));
    id$
      .pipe(
        switchMap((id) => {
          if (!id) throw new Error(this.transloco.translate('campaigns.add.notFound'));
          return this.api.addRecord(this.id(), recordType, id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.addForm.controls.reference.reset('');
          this.changed('campaigns.add.done');
        },
        error: (error: unknown) => {
          this.busy.set(false);
          if (error instanceof Error) this.addForm.controls.reference.setErrors({ server: error.message });
          else this.problems.applyToForm(error, { recordId: this.addForm.controls.reference });
        },
      });
  }

  /** After a change: say so, and reload the figures and the list at once rather than at the next poll. */
  private changed(messageKey: string): void {
    this.busy.set(false);
    this.problems.notify(this.transloco.translate(messageKey));
    this.api
      .get(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (campaign) => this.campaign.set(campaign) });
    this.loadRecords();
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    this.problems.show(error);
  }

  private loadRecords(): void {
    this.loadingRecords.set(true);
    const type = this.typeFilter.value;
    this.api
      .records(this.id(), {
        recordType: type === 'all' ? undefined : type,
        excluded: this.showExcluded(),
        page: this.pageIndex() + 1,
        pageSize: this.pageSize(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.records.set(page);
          this.loadingRecords.set(false);
        },
        error: (error: unknown) => {
          this.loadingRecords.set(false);
          this.problems.show(error);
        },
      });
  }
}
