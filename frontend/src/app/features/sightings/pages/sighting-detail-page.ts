import { AsyncPipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AblePurePipe } from '@casl/angular';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { filter } from 'rxjs';
import type { Observable } from 'rxjs';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { confirmAction } from '@hw/shared/ui/confirm-dialog';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { AttachmentImage } from '@hw/shared/ui/attachment-image';
import { promptText } from '../components/text-prompt-dialog';
import { comparisonRows } from '../data/comparison';
import { SightingsApiService } from '../data/sightings-api.service';
import type {
  Sighting,
  SightingCandidate,
  SightingDetail,
} from '../data/sightings-api.service';

/** One sighting beside its ranked candidate files; a person decides, nothing is linked automatically. */
@Component({
  selector: 'hw-sighting-detail-page',
  imports: [
    AsyncPipe,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    AblePurePipe,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    AttachmentImage,
  ],
  templateUrl: './sighting-detail-page.html',
  styleUrl: './sighting-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SightingDetailPage implements OnInit {
  private readonly api = inject(SightingsApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  readonly id = input.required<string>();
  protected readonly sighting = signal<SightingDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly photoIndex = signal(0);
  protected readonly selectedRank = signal(1);
  protected readonly contact = signal<string | null | undefined>(undefined);

  protected readonly selected = computed(() => {
    const s = this.sighting();
    return (
      s?.candidates.find((c) => c.rank === this.selectedRank()) ??
      s?.candidates[0] ??
      null
    );
  });
  protected readonly rows = computed(() => {
    const c = this.selected();
    return c ? comparisonRows(c) : [];
  });
  protected readonly open = computed(() => {
    const status = this.sighting()?.status;
    return status === 'new' || status === 'triaged';
  });

  ngOnInit(): void {
    this.load();
  }

  protected select(candidate: SightingCandidate): void {
    this.selectedRank.set(candidate.rank);
  }

  protected showContact(): void {
    this.api.reporterContact(this.id()).subscribe({
      next: (r) => this.contact.set(r.contact),
      error: (e: unknown) => this.problems.show(e),
    });
  }

  protected triage(): void {
    const s = this.sighting();
    if (s) this.act(this.api.triage(s.id, s.version), 'sightings.done.triaged');
  }

  protected link(candidate: SightingCandidate): void {
    const s = this.sighting();
    if (!s) return;
    const t = (key: string, params?: Record<string, unknown>) =>
      this.transloco.translate(key, params);
    confirmAction(this.dialog, {
      title: t('sightings.link.title'),
      message: t('sightings.link.message', {
        caseNumber: candidate.case.caseNumber,
      }),
      confirm: t('sightings.link.confirm'),
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.act(
          this.api.link(s.id, candidate.case.id, s.version),
          'sightings.done.linked',
        ),
      );
  }

  protected dismiss(): void {
    const s = this.sighting();
    if (!s) return;
    const t = (key: string) => this.transloco.translate(key);
    promptText(this.dialog, {
      title: t('sightings.dismiss.title'),
      message: t('sightings.dismiss.message'),
      label: t('sightings.dismiss.reason'),
      confirm: t('sightings.dismiss.confirm'),
      minLength: 3,
      destructive: true,
    })
      .pipe(filter((reason): reason is string => !!reason))
      .subscribe((reason) =>
        this.act(
          this.api.dismiss(s.id, reason, s.version),
          'sightings.done.dismissed',
        ),
      );
  }

  protected duplicate(): void {
    const s = this.sighting();
    if (!s) return;
    const t = (key: string) => this.transloco.translate(key);
    const options = s.groupSightingIds.map((id) => ({
      value: id,
      label: `${t('sightings.duplicate.groupMember')} ${id.slice(0, 8)}`,
    }));
    promptText(this.dialog, {
      title: t('sightings.duplicate.title'),
      message: t(
        options.length
          ? 'sightings.duplicate.messageGroup'
          : 'sightings.duplicate.message',
      ),
      label: t('sightings.duplicate.of'),
      confirm: t('sightings.duplicate.confirm'),
      options,
    })
      .pipe(filter((of): of is string => !!of))
      .subscribe((of) =>
        this.act(
          this.api.duplicate(s.id, of, s.version),
          'sightings.done.duplicate',
        ),
      );
  }

  private act(request: Observable<Sighting>, doneKey: string): void {
    this.busy.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        this.problems.notify(this.transloco.translate(doneKey));
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problems.show(error);
        // A stale version (someone else acted first): show what is there now.
        this.load();
      },
    });
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .get(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (s) => {
          this.sighting.set(s);
          this.loading.set(false);
          if (!s.candidates.some((c) => c.rank === this.selectedRank()))
            this.selectedRank.set(s.candidates[0]?.rank ?? 1);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
