import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { recordVisit } from '../components/follow-up-dialog';
import { ReunionsApiService } from '../data/reunions-api.service';
import type { FollowUp, Reunion } from '../data/reunions-api.service';
import { SignOffFlow } from '../data/sign-off';
import { todayInChina } from '../data/today';

/** One reunion: who was there, the evidence, the sign-off, and the follow-up visits (overdue ones highlighted). */
@Component({
  selector: 'hw-reunion-detail-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, TranslocoPipe, DateTimePipe, EmptyState],
  template: `
    <a mat-button routerLink="/reunions"><mat-icon svgIcon="arrow_back" />{{ 'reunions.detail.back' | transloco }}</a>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (reunion(); as r) {
      <header class="hw-page-header">
        <h1>{{ 'reunions.detail.title' | transloco: { child: r.childName } }}</h1>
        <span class="hw-status" [class]="r.status" data-testid="reunion-status">{{ 'reunions.status.' + r.status | transloco }}</span>
      </header>
      @if (r.canSignOff) {
        <section class="hw-callout" [attr.aria-label]="'reunions.detail.awaiting' | transloco">
          <p>{{ 'reunions.detail.awaiting' | transloco }}</p>
          <button mat-flat-button type="button" (click)="decide(r, 'verify')">{{ 'reunions.signOff.verify' | transloco }}</button>
          <button mat-button type="button" class="hw-danger-text" (click)="decide(r, 'reject')">{{ 'reunions.signOff.reject' | transloco }}</button>
        </section>
      }
      <dl class="hw-facts">
        <dt>{{ 'reunions.field.case' | transloco }}</dt>
        <dd>
          @if (canReadCase()) {
            <a [routerLink]="['/cases', r.caseId]">{{ r.caseNumber }}</a>
          } @else {
            {{ r.caseNumber }}
          }
        </dd>
        <dt>{{ 'reunions.field.reunitedOn' | transloco }}</dt>
        <dd>{{ r.reunitedOn }}</dd>
        <dt>{{ 'reunions.field.place' | transloco }}</dt>
        <dd>{{ r.place }}</dd>
        <dt>{{ 'reunions.field.organisation' | transloco }}</dt>
        <dd>{{ r.organisationName ?? ('reunions.detail.noOrganisation' | transloco) }}</dd>
        <dt>{{ 'reunions.field.loggedBy' | transloco }}</dt>
        <dd>{{ r.loggedBy.displayName }} · {{ r.createdAt | hwDateTime: language() }}</dd>
        <dt>{{ 'reunions.field.evidence' | transloco }}</dt>
        <dd data-testid="reunion-evidence">
          @if (r.evidence.kind === 'dna_match') {
            {{ 'reunions.evidence.dnaConfirmed' | transloco: { date: (r.evidence.confirmedAt | hwDateTime: language()) } }}
          } @else {
            {{ 'reunions.evidenceKind.other' | transloco }}: <span class="hw-pre">{{ r.evidence.description }}</span>
          }
        </dd>
        @if (r.signedOffBy) {
          <dt>{{ 'reunions.field.signOff' | transloco }}</dt>
          <dd>
            {{ 'reunions.status.' + r.status | transloco }} · {{ r.signedOffBy.displayName }} · {{ r.signedOffAt | hwDateTime: language() }}
            @if (r.signOffNote) {
              <div class="hw-pre">{{ r.signOffNote }}</div>
            }
          </dd>
        }
      </dl>

      <h2>{{ 'reunions.detail.family' | transloco }}</h2>
      @if (r.familyPresent.length) {
        <ul>
          @for (m of r.familyPresent; track $index) {
            <li>{{ m.name }} ({{ m.relationship }})</li>
          }
        </ul>
      } @else {
        <p class="hw-muted">{{ 'reunions.detail.noFamily' | transloco }}</p>
      }

      <h2>{{ 'reunions.detail.followUps' | transloco }}</h2>
      @if (r.followUps.length) {
        <table mat-table [dataSource]="r.followUps" [attr.aria-label]="'reunions.detail.followUps' | transloco">
          <ng-container matColumnDef="months">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.followUp.when' | transloco }}</th>
            <td mat-cell *matCellDef="let f">{{ 'reunions.followUp.monthsAfter' | transloco: { months: f.monthsAfter } }}</td>
          </ng-container>
          <ng-container matColumnDef="dueOn">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.followUp.dueOn' | transloco }}</th>
            <td mat-cell *matCellDef="let f">{{ f.dueOn }}</td>
          </ng-container>
          <ng-container matColumnDef="state">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.status' | transloco }}</th>
            <td mat-cell *matCellDef="let f"><span class="hw-status" [class]="f.state">{{ 'reunions.followUpState.' + f.state | transloco }}</span></td>
          </ng-container>
          <ng-container matColumnDef="visit">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.followUp.visit' | transloco }}</th>
            <td mat-cell *matCellDef="let f">
              @if (f.visitedOn) {
                {{ f.visitedOn }} · {{ f.visitor }} · {{ 'reunions.wellbeing.' + f.wellbeing | transloco }} ·
                {{ 'reunions.school.' + (f.attendingSchool === null ? 'unknown' : f.attendingSchool ? 'yes' : 'no') | transloco }}
                @for (flag of f.riskFlags; track flag) {
                  <span class="hw-status overdue">{{ 'reunions.risk.' + flag | transloco }}</span>
                }
                @if (f.notes) {
                  <div class="hw-pre hw-muted">{{ f.notes }}</div>
                }
              } @else {
                <span class="hw-muted">{{ 'reunions.followUp.notVisited' | transloco }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">{{ 'reunions.list.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let f">
              @if (canUpdate() && f.state !== 'upcoming') {
                <button mat-button type="button" (click)="visit(r, f)">
                  {{ (f.visitedOn ? 'reunions.visit.correct' : 'reunions.visit.record') | transloco }}
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let f; columns: columns" [class.hw-overdue-row]="f.state === 'overdue'"></tr>
        </table>
      } @else {
        <hw-empty-state
          icon="inbox"
          [title]="'reunions.detail.noFollowUps' | transloco"
          [hint]="(r.status === 'pending_sign_off' ? 'reunions.detail.noFollowUpsPending' : 'reunions.detail.noFollowUpsRejected') | transloco"
        />
      }
    }
  `,
  styleUrl: './reunions.scss',
  styles: `
    .hw-facts { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; }
    .hw-facts dt { color: var(--mat-sys-on-surface-variant); }
    .hw-facts dd { margin: 0; }
    .hw-pre { white-space: pre-wrap; }
    .hw-callout { display: flex; align-items: center; gap: 12px; padding: 12px 16px; margin-bottom: 16px; border-radius: 8px; background: #fff4e5; }
    .hw-callout p { margin: 0; flex: 1; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReunionDetailPage implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(ReunionsApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly dialog = inject(MatDialog);
  private readonly ability = inject(AbilityService);
  private readonly signOff = inject(SignOffFlow);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  protected readonly reunion = signal<Reunion | null>(null);
  protected readonly loading = signal(true);
  protected readonly columns = ['months', 'dueOn', 'state', 'visit', 'actions'];
  protected readonly canReadCase = computed(() => this.ability.can('read', 'Case'));
  protected readonly canUpdate = computed(() => this.reunion()?.status === 'verified' && this.ability.can('update', 'Reunion'));

  ngOnInit(): void {
    this.load();
  }

  protected decide(r: Reunion, decision: 'verify' | 'reject'): void {
    this.signOff.run(r, r.evidence.description ?? '', decision).subscribe((updated) => this.reunion.set(updated));
  }

  protected visit(r: Reunion, f: FollowUp): void {
    recordVisit(this.dialog, { reunionId: r.id, followUp: f, today: todayInChina(), reunitedOn: r.reunitedOn }).subscribe((saved) => {
      if (!saved) return;
      this.problems.notify(this.transloco.translate('reunions.visit.saved'));
      this.load();
    });
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .get(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.reunion.set(r);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
