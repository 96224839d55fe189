import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, map, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService, problemOf } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { confirmAction } from '@hw/shared/ui/confirm-dialog';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { FieldError } from '@hw/shared/ui/field-error';
import { NotFoundPage } from '../../../not-found/pages/not-found/not-found-page';
import { AttachmentImage } from '@hw/shared/ui/attachment-image';
import { ReasonDialog } from '../../components/reason-dialog';
import {
  CasePriorityLabel,
  CaseStatusChip,
} from '../../components/status-chip';
import { CasesApiService } from '../../data/cases-api.service';
import type { CaseDto, CaseStatus } from '../../data/cases-api.service';

type Attachment = Schemas['AttachmentDto'];

@Component({
  selector: 'hw-case-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    FieldError,
    NotFoundPage,
    AttachmentImage,
    CaseStatusChip,
    CasePriorityLabel,
  ],
  templateUrl: './case-detail-page.html',
  styleUrl: './case-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseDetailPage {
  private readonly api = inject(CasesApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly ability = inject(AbilityService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly file = signal<CaseDto | null>(null);
  protected readonly notFound = signal(false);
  protected readonly busy = signal(false);
  protected readonly stale = signal(false);
  protected readonly photos = signal<Attachment[]>([]);
  protected readonly uploadProgress = signal<number | null>(null);
  protected readonly timeline = signal<
    Schemas['CaseTimelineEntryDto'][] | null
  >(null);
  protected readonly sightings = signal<Schemas['SightingDto'][] | null>(null);
  protected readonly officers = signal<Schemas['UserDto'][]>([]);
  protected readonly ngos = signal<Schemas['OrganisationDto'][]>([]);

  /** The server enforces scope; the file is readable, so the type-level rules decide what is offered. */
  protected readonly canUpdate = computed(
    () => this.file()?.view === 'full' && this.ability.can('update', 'Case'),
  );
  protected readonly canUpload = computed(
    () => this.canUpdate() && this.ability.can('create', 'Attachment'),
  );
  protected readonly canDeletePhoto = computed(
    () => this.canUpdate() && this.ability.can('delete', 'Attachment'),
  );
  protected readonly canAssign = computed(
    () => this.file()?.view === 'full' && this.ability.can('assign', 'Case'),
  );
  protected readonly canShare = computed(
    () => this.file()?.view === 'full' && this.ability.can('share', 'Case'),
  );
  protected readonly canReadSightings = computed(
    () => this.file()?.view === 'full' && this.ability.can('read', 'Sighting'),
  );
  protected readonly transitions = computed(() =>
    this.canUpdate() ? (this.file()?.allowedTransitions ?? []) : [],
  );
  /** A file not yet reunited or closed: police log its reunion with the evidence (never "mark reunited" by hand). */
  protected readonly canLogReunion = computed(() => {
    const status = this.file()?.status;
    return this.canUpdate() && !!status && status !== 'reunited' && status !== 'closed' && this.ability.can('create', 'Reunion');
  });

  protected readonly assignForm = new FormGroup({
    officerId: new FormControl<string | null>(null),
  });
  protected readonly shareForm = new FormGroup({
    organisationId: new FormControl<string | null>(null, {
      validators: [Validators.required],
    }),
    sharedUntil: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    this.destroyRef.onDestroy(() => this.dialog.closeAll());
  }

  protected reload(): void {
    this.load(this.id());
  }

  protected move(to: CaseStatus): void {
    const f = this.file();
    if (!f?.version) return;
    if (to === 'closed') {
      this.dialog
        .open<ReasonDialog, { caseNumber: string }, string>(ReasonDialog, {
          data: { caseNumber: f.caseNumber },
          width: '480px',
        })
        .afterClosed()
        .subscribe((reason) => {
          if (reason)
            this.run(
              this.api.changeStatus(f.id, {
                version: f.version!,
                status: to,
                reason,
              }),
              'cases.detail.statusChanged',
            );
        });
      return;
    }
    confirmAction(this.dialog, {
      title: this.transloco.translate('cases.detail.moveTitle', {
        status: this.transloco.translate(`cases.status.${to}`),
      }),
      message: this.transloco.translate('cases.detail.moveMessage', {
        number: f.caseNumber,
      }),
      confirm: this.transloco.translate(`cases.actions.${to}`),
    }).subscribe((ok) => {
      if (ok)
        this.run(
          this.api.changeStatus(f.id, { version: f.version!, status: to }),
          'cases.detail.statusChanged',
        );
    });
  }

  protected assign(): void {
    const f = this.file();
    if (!f?.version) return;
    this.run(
      this.api.assign(f.id, {
        version: f.version,
        officerId: this.assignForm.controls.officerId.value,
      }),
      'cases.sharing.assigned',
    );
  }

  protected share(): void {
    const f = this.file();
    if (!f?.version) return;
    if (this.shareForm.invalid) {
      this.shareForm.markAllAsTouched();
      return;
    }
    const { organisationId, sharedUntil } = this.shareForm.getRawValue();
    this.run(
      this.api.share(f.id, {
        version: f.version,
        organisationId,
        sharedUntil: new Date(`${sharedUntil}T23:59:59`).toISOString(),
      }),
      'cases.sharing.shared',
      (error) => this.problems.applyToForm(error, this.shareForm),
    );
  }

  protected endSharing(): void {
    const f = this.file();
    if (!f?.version || !f.sharing) return;
    confirmAction(this.dialog, {
      title: this.transloco.translate('cases.sharing.endTitle'),
      message: this.transloco.translate('cases.sharing.endMessage', {
        organisation: f.sharing.organisationName,
      }),
      confirm: this.transloco.translate('cases.sharing.end'),
      destructive: true,
    }).subscribe((ok) => {
      if (ok)
        this.run(
          this.api.share(f.id, { version: f.version!, organisationId: null }),
          'cases.sharing.ended',
        );
    });
  }

  protected upload(event: Event): void {
    const inputElement = event.target as HTMLInputElement;
    const file = inputElement.files?.[0];
    inputElement.value = '';
    const f = this.file();
    if (!file || !f) return;
    this.uploadProgress.set(0);
    this.api.uploadPhoto(f.id, file).subscribe({
      next: (e) => {
        if (e.type === HttpEventType.UploadProgress)
          this.uploadProgress.set(
            e.total ? Math.round((100 * e.loaded) / e.total) : 0,
          );
        if (e.type === HttpEventType.Response && e.body) {
          this.uploadProgress.set(null);
          this.photos.update((list) => [...list, e.body!]);
          this.problems.notify(
            this.transloco.translate('cases.photos.uploaded'),
          );
        }
      },
      error: (error: unknown) => {
        this.uploadProgress.set(null);
        this.problems.show(error);
      },
    });
  }

  protected deletePhoto(photo: Attachment): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('cases.photos.deleteTitle'),
      message: this.transloco.translate('cases.photos.deleteMessage'),
      confirm: this.transloco.translate('cases.photos.delete'),
      destructive: true,
    }).subscribe((ok) => {
      if (!ok) return;
      this.api.deletePhoto(photo.id).subscribe({
        next: () => {
          this.photos.update((list) => list.filter((p) => p.id !== photo.id));
          this.problems.notify(
            this.transloco.translate('cases.photos.deleted'),
          );
        },
        error: (error: unknown) => this.problems.show(error),
      });
    });
  }

  /** A timeline entry in words. */
  protected eventLabel(type: string): string {
    const key = `cases.events.${type.replace(/\./g, '_')}`;
    const text = this.transloco.translate(key);
    return text === key ? type : text;
  }

  protected eventDetail(entry: Schemas['CaseTimelineEntryDto']): string {
    const d = entry.details as Record<string, unknown>;
    const status = (s: unknown) =>
      typeof s === 'string'
        ? this.transloco.translate(`cases.status.${s}`)
        : '';
    if (entry.type === 'status_changed')
      return `${status(d['from'])} → ${status(d['to'])}${d['reason'] ? ` · ${String(d['reason'])}` : ''}`;
    if (entry.type === 'assigned') return String(d['officer'] ?? '');
    if (entry.type === 'shared') return `${String(d['organisation'] ?? '')}`;
    if (entry.type === 'created') return String(d['caseNumber'] ?? '');
    if (entry.type === 'updated' && Array.isArray(d['fields']))
      return (d['fields'] as string[]).join(', ');
    return '';
  }

  private load(id: string): void {
    this.busy.set(true);
    this.notFound.set(false);
    this.stale.set(false);
    this.api.get(id).subscribe({
      next: (file) => {
        this.busy.set(false);
        this.show(file);
        this.loadRelated(file);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (
          error instanceof HttpErrorResponse &&
          (error.status === 404 || error.status === 403 || error.status === 400)
        )
          this.notFound.set(true);
        else this.problems.show(error);
      },
    });
  }

  private loadRelated(file: CaseDto): void {
    this.api
      .photos(file.id)
      .pipe(catchError(() => of({ items: [] as Attachment[] })))
      .subscribe((list) => this.photos.set(list.items));
    if (file.view !== 'minimal') {
      this.api
        .timeline(file.id)
        .pipe(
          map((t) => [...t.items].sort((a, b) => a.at.localeCompare(b.at))),
          catchError(() => of(null)),
        )
        .subscribe((items) => this.timeline.set(items));
    }
    if (this.canReadSightings()) {
      this.api
        .sightings(file.id)
        .pipe(
          map((p) => p.items),
          catchError(() => of(null)),
        )
        .subscribe((items) => this.sightings.set(items));
    }
    if (this.canAssign() && !this.officers().length) {
      this.api
        .officers()
        .pipe(catchError(() => of({ items: [] as Schemas['UserDto'][] })))
        .subscribe((page) =>
          this.officers.set(page.items.filter((u) => u.status === 'active')),
        );
    }
    if (this.canShare() && !this.ngos().length) {
      this.api
        .ngos()
        .pipe(
          catchError(() => of({ items: [] as Schemas['OrganisationDto'][] })),
        )
        .subscribe((page) => this.ngos.set(page.items));
    }
  }

  private show(file: CaseDto): void {
    this.file.set(file);
    this.assignForm.reset({ officerId: file.assignedOfficer?.id ?? null });
    this.shareForm.reset({
      organisationId: file.sharing?.organisationId ?? null,
      sharedUntil: file.sharing?.sharedUntil
        ? file.sharing.sharedUntil.slice(0, 10)
        : '',
    });
  }

  private run(
    request: Observable<CaseDto>,
    doneKey: string,
    onError?: (error: unknown) => void,
  ): void {
    this.busy.set(true);
    request.subscribe({
      next: (file) => {
        this.busy.set(false);
        this.show(file);
        this.loadRelated(file);
        this.problems.notify(
          this.transloco.translate(doneKey, { number: file.caseNumber }),
        );
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = problemOf(error);
        if (problem?.code === 'STALE_VERSION') {
          this.stale.set(true);
          return;
        }
        if (problem?.status === 409) {
          // Not allowed from the state the file is in now: say why and show the current file.
          this.problems.show(error);
          this.reload();
          return;
        }
        if (onError) onError(error);
        else this.problems.show(error);
      },
    });
  }
}
