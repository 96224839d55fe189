import { DecimalPipe } from '@angular/common';
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
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { DnaApiService } from '../data/dna-api.service';
import type { MatchDetail } from '../data/dna-api.service';

/** One candidate: the per-locus table, and propose (lab) → confirm or reject (a different person). */
@Component({
  selector: 'hw-dna-match-detail-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.match.title' | transloco }}</h1>
      <a mat-button routerLink="/dna/matches">{{
        'common.back' | transloco
      }}</a>
    </header>
    @if (loading()) {
      <mat-progress-bar
        mode="indeterminate"
        [attr.aria-label]="'common.loading' | transloco"
      />
    }
    @if (match(); as m) {
      <dl class="hw-facts">
        <dt>{{ 'dna.matches.status' | transloco }}</dt>
        <dd>
          <span
            class="hw-status"
            [class]="m.status"
            role="status"
            [attr.aria-label]="'dna.matches.status' | transloco"
            >{{ 'dna.matchStatus.' + m.status | transloco }}</span
          >
        </dd>
        <dt>{{ 'dna.field.child' | transloco }}</dt>
        <dd>{{ m.child.barcode }}</dd>
        <dt>{{ 'dna.field.reference' | transloco }}</dt>
        <dd>
          {{ m.reference.barcode }} ({{
            'dna.donor.' + m.reference.donorRelationship | transloco
          }})
          @if (m.secondReference; as second) {
            + {{ second.barcode }} ({{
              'dna.donor.' + second.donorRelationship | transloco
            }})
          }
        </dd>
        <dt>{{ 'dna.field.case' | transloco }}</dt>
        <dd>{{ m.caseNumber ?? '—' }}</dd>
        <dt>{{ 'dna.field.relationship' | transloco }}</dt>
        <dd>{{ 'dna.relationship.' + m.relationship | transloco }}</dd>
        <dt>{{ 'dna.field.log10Lr' | transloco }}</dt>
        <dd>{{ m.log10Lr === null ? '−∞' : (m.log10Lr | number: '1.2-2') }}</dd>
        <dt>{{ 'dna.field.inconsistent' | transloco }}</dt>
        <dd>{{ m.inconsistentLoci }} / {{ m.lociCompared }}</dd>
        <dt>{{ 'dna.field.conclusion' | transloco }}</dt>
        <dd>{{ 'dna.conclusion.' + m.conclusion | transloco }}</dd>
        <dt>{{ 'dna.field.table' | transloco }}</dt>
        <dd>{{ m.model.frequencyTable }} · {{ m.frequencyTableVersion }}</dd>
        @if (m.proposalNote) {
          <dt>{{ 'dna.match.proposalNote' | transloco }}</dt>
          <dd>{{ m.proposalNote }}</dd>
        }
        @if (m.decisionReason) {
          <dt>{{ 'dna.match.decisionReason' | transloco }}</dt>
          <dd>{{ m.decisionReason }}</dd>
        }
      </dl>

      <section
        class="hw-actions"
        [attr.aria-label]="'common.actions' | transloco"
      >
        @if (m.status === 'candidate' && canPropose()) {
          <mat-form-field class="hw-wide">
            <mat-label>{{ 'dna.match.note' | transloco }}</mat-label>
            <input matInput [formControl]="note" />
          </mat-form-field>
          <button
            mat-flat-button
            type="button"
            (click)="propose(m)"
            [disabled]="busy()"
          >
            {{ 'dna.match.propose' | transloco }}
          </button>
        }
        @if (m.status === 'proposed' && canConfirm()) {
          @if (ownProposal()) {
            <p class="hw-note" role="note">
              {{ 'dna.match.twoPersonRule' | transloco }}
            </p>
          } @else {
            <mat-form-field class="hw-wide">
              <mat-label>{{ 'dna.match.reason' | transloco }}</mat-label>
              <input matInput [formControl]="note" />
            </mat-form-field>
            <button
              mat-flat-button
              type="button"
              (click)="confirm(m)"
              [disabled]="busy()"
            >
              {{ 'dna.match.confirm' | transloco }}
            </button>
            <button
              mat-stroked-button
              type="button"
              (click)="reject(m)"
              [disabled]="busy() || !note.value.trim()"
            >
              {{ 'dna.match.reject' | transloco }}
            </button>
            <p class="hw-note">
              {{ 'dna.match.rejectNeedsReason' | transloco }}
            </p>
          }
        }
        @if (m.status === 'candidate' && !canPropose()) {
          <p class="hw-note">{{ 'dna.match.waitingForLab' | transloco }}</p>
        }
      </section>

      <h2>{{ 'dna.match.perLocus' | transloco }}</h2>
      <table
        class="hw-loci"
        [attr.aria-label]="'dna.match.perLocus' | transloco"
      >
        <thead>
          <tr>
            <th scope="col">{{ 'dna.field.locus' | transloco }}</th>
            @if (m.allelesShown) {
              <th scope="col">{{ 'dna.field.child' | transloco }}</th>
              <th scope="col">{{ 'dna.field.reference' | transloco }}</th>
              @if (m.secondReference) {
                <th scope="col">
                  {{ 'dna.field.secondReference' | transloco }}
                </th>
              }
            }
            <th scope="col">{{ 'dna.field.lr' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of m.loci; track l.locus) {
            <tr [class.hw-inconsistent]="l.inconsistent">
              <th scope="row">
                {{ l.locus }}
                @if (l.inconsistent) {
                  <span class="hw-flag">
                    ⚠ {{ 'dna.match.inconsistent' | transloco }}</span
                  >
                }
              </th>
              @if (m.allelesShown) {
                <td>{{ l.child?.join(', ') }}</td>
                <td>{{ l.reference?.join(', ') }}</td>
                @if (m.secondReference) {
                  <td>{{ l.secondReference?.join(', ') }}</td>
                }
              }
              <td>{{ l.lr | number: '1.0-4' }}</td>
            </tr>
          }
        </tbody>
      </table>
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
    .hw-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin: 16px 0;
    }
    .hw-wide {
      min-width: 320px;
    }
    .hw-note {
      color: var(--mat-sys-on-surface-variant);
      flex-basis: 100%;
      margin: 0;
    }
    .hw-loci {
      border-collapse: collapse;
    }
    .hw-loci th,
    .hw-loci td {
      padding: 4px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .hw-inconsistent {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MatchDetailPage {
  readonly id = input.required<string>();
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly ability = inject(AbilityService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly match = signal<MatchDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly note = new FormControl('', { nonNullable: true });
  protected readonly canPropose = computed(() =>
    this.ability.can('propose', 'KinshipMatch'),
  );
  protected readonly canConfirm = computed(() =>
    this.ability.can('confirm', 'KinshipMatch'),
  );
  protected readonly ownProposal = computed(() => {
    const me = this.auth.me()?.user.id;
    return !!me && this.match()?.proposedBy === me;
  });

  ngOnInit(): void {
    this.load();
  }

  protected propose(m: MatchDetail): void {
    this.act(this.api.propose(m.id, this.note.value));
  }

  protected confirm(m: MatchDetail): void {
    this.act(this.api.confirm(m.id, this.note.value));
  }

  protected reject(m: MatchDetail): void {
    this.act(this.api.reject(m.id, this.note.value.trim()));
  }

  private act(request: ReturnType<DnaApiService['propose']>): void {
    this.busy.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        this.note.setValue('');
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problems.show(error);
      },
    });
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .match(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (m) => {
          this.match.set(m);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
