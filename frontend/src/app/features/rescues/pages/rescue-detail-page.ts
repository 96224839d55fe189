import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { openAddChild } from '../components/add-child-dialog';
import { ChildrenTable } from '../components/children-table';
import { RescuesApiService } from '../data/rescues-api.service';
import type { Rescue } from '../data/rescues-api.service';

/** One rescue: when, where, who took part, suspects detained, police notes, and the children recovered. */
@Component({
  selector: 'hw-rescue-detail-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TranslocoPipe, DateTimePipe, EmptyState, ChildrenTable],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'rescues.detail.title' | transloco }}</h1>
      @if (canEdit && rescue()) {
        <a mat-stroked-button [routerLink]="['/rescues', id(), 'edit']">{{ 'rescues.detail.edit' | transloco }}</a>
      }
      <a mat-button routerLink="/rescues">{{ 'common.back' | transloco }}</a>
    </header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (rescue(); as r) {
      <dl class="hw-facts">
        <dt>{{ 'rescues.field.occurredAt' | transloco }}</dt>
        <dd>{{ r.occurredAt | hwDateTime: language() }}</dd>
        <dt>{{ 'rescues.field.place' | transloco }}</dt>
        <dd>
          {{ r.place }}
          @if (r.lat !== null && r.lng !== null) {
            <span class="hw-muted">({{ r.lat }}, {{ r.lng }})</span>
          }
        </dd>
        <dt>{{ 'rescues.field.jurisdiction' | transloco }}</dt>
        <dd>{{ language() === 'en' ? r.jurisdiction.nameEn : r.jurisdiction.name }} ({{ r.jurisdiction.code }})</dd>
        <dt>{{ 'rescues.field.agencies' | transloco }}</dt>
        <dd>{{ r.agencies.length ? r.agencies.join('、') : '—' }}</dd>
        <dt>{{ 'rescues.field.suspectsDetained' | transloco }}</dt>
        <dd>{{ r.suspectsDetained }}</dd>
        @if (r.campaigns.length) {
          <dt>{{ 'rescues.field.campaign' | transloco }}</dt>
          <dd>{{ campaignNames(r) }}</dd>
        }
        <dt>{{ 'rescues.field.notes' | transloco }}</dt>
        <dd class="hw-notes">{{ r.notes ?? '—' }}</dd>
      </dl>

      <header class="hw-section-header">
        <h2>{{ 'rescues.detail.children' | transloco: { count: r.childrenCount, identified: r.identifiedCount } }}</h2>
        @if (canAddChild) {
          <button mat-flat-button type="button" (click)="addChild(r)">{{ 'rescues.addChild.title' | transloco }}</button>
        }
      </header>
      @if (r.children.length) {
        <hw-children-table [children]="r.children" [caption]="'rescues.detail.childrenCaption' | transloco" />
      } @else {
        <hw-empty-state icon="people" [title]="'rescues.detail.noChildren' | transloco" [hint]="'rescues.detail.noChildrenHint' | transloco" />
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
    .hw-notes {
      white-space: pre-line;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .hw-section-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-top: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RescueDetailPage implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(RescuesApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;
  private readonly ability = inject(AbilityService);
  protected readonly canAddChild = this.ability.can('create', 'RescuedChild');
  protected readonly canEdit = this.ability.can('update', 'Rescue');
  protected readonly rescue = signal<Rescue | null>(null);
  protected readonly loading = signal(true);

  ngOnInit(): void {
    this.load();
  }

  protected campaignNames(r: Rescue): string {
    return r.campaigns.map((c) => c.name).join('、');
  }

  protected addChild(r: Rescue): void {
    openAddChild(this.dialog, r.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((child) => {
        if (child) this.load();
      });
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .rescue(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.rescue.set(r);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
