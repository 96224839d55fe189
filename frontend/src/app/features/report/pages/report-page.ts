import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toSignal } from '@angular/core/rxjs-interop';
import { lastValueFrom, map, tap } from 'rxjs';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageSwitch } from '@hw/core/layout/language-switch';
import { downscalePhoto } from '../data/downscale';
import { ReportApiService } from '../data/report-api.service';
import type { SightingReceipt } from '../data/report-api.service';
import {
  IdempotencyKeyHolder,
  sendUntilAnswered,
} from '../data/submit-with-retry';
import { PlacePicker } from './place-picker';
import { chineseUnlessChosen } from './public-language';

export const MAX_PHOTOS = 5;

interface ChosenPhoto {
  file: File;
  url: string;
}

/** `datetime-local` value for a date, in the phone's time zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The public report form: a citizen who saw a child tells the police, from a phone, without an account. */
@Component({
  selector: 'hw-report-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    LanguageSwitch,
    PlacePicker,
  ],
  templateUrl: './report-page.html',
  styleUrl: './report-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPage {
  private readonly api = inject(ReportApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly keys = new IdempotencyKeyHolder();
  private readonly abort = new AbortController();

  protected readonly maxPhotos = MAX_PHOTOS;
  protected readonly photos = signal<ChosenPhoto[]>([]);
  protected readonly locating = signal(false);
  protected readonly locationProblem = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly attempt = signal(0);
  protected readonly progress = signal(0);
  protected readonly problem = signal<string | null>(null);
  protected readonly receipt = signal<SightingReceipt | null>(null);

  protected readonly form = new FormGroup({
    latitude: new FormControl<number | null>(null, [
      Validators.min(-90),
      Validators.max(90),
    ]),
    longitude: new FormControl<number | null>(null, [
      Validators.min(-180),
      Validators.max(180),
    ]),
    placeText: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(500)],
    }),
    seenAt: new FormControl(localInputValue(new Date()), {
      nonNullable: true,
      validators: [Validators.required],
    }),
    begging: new FormControl(false, { nonNullable: true }),
    withAdult: new FormControl(false, { nonNullable: true }),
    visibleInjuryOrDisability: new FormControl(false, { nonNullable: true }),
    distressed: new FormControl(false, { nonNullable: true }),
    estimatedAgeYears: new FormControl<number | null>(null, [
      Validators.min(0),
      Validators.max(25),
    ]),
    sex: new FormControl<'male' | 'female' | 'unknown'>('unknown', {
      nonNullable: true,
    }),
    description: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(4000)],
    }),
    reporterContact: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
  });

  /** The chosen position (tap, phone location or typed), for the map's marker. */
  protected readonly position = toSignal(
    this.form.valueChanges.pipe(
      map(() => {
        const { latitude, longitude } = this.form.getRawValue();
        return { latitude, longitude };
      }),
    ),
    { initialValue: { latitude: null, longitude: null } },
  );

  constructor() {
    chineseUnlessChosen();
    inject(DestroyRef).onDestroy(() => {
      this.abort.abort();
      for (const photo of this.photos()) URL.revokeObjectURL(photo.url);
    });
  }

  protected choosePhotos(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []).filter((f) =>
      f.type.startsWith('image/'),
    );
    const room = MAX_PHOTOS - this.photos().length;
    const added = files
      .slice(0, room)
      .map((file) => ({ file, url: URL.createObjectURL(file) }));
    this.photos.update((list) => [...list, ...added]);
    input.value = '';
  }

  protected removePhoto(index: number): void {
    const photo = this.photos()[index];
    if (photo) URL.revokeObjectURL(photo.url);
    this.photos.update((list) => list.filter((_, i) => i !== index));
  }

  protected useMyLocation(): void {
    this.locationProblem.set(null);
    if (!navigator.geolocation) {
      this.locationProblem.set(
        this.transloco.translate('report.form.locationUnavailable'),
      );
      return;
    }
    this.locating.set(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.locating.set(false);
        this.form.patchValue({
          latitude: Math.round(position.coords.latitude * 1e6) / 1e6,
          longitude: Math.round(position.coords.longitude * 1e6) / 1e6,
        });
      },
      () => {
        this.locating.set(false);
        this.locationProblem.set(
          this.transloco.translate('report.form.locationDenied'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  protected pickOnMap(place: { latitude: number; longitude: number }): void {
    this.locationProblem.set(null);
    this.form.patchValue(place);
  }

  protected hasPosition(): boolean {
    const { latitude, longitude } = this.form.getRawValue();
    return latitude !== null && longitude !== null;
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    this.problem.set(null);
    if (this.form.invalid) return;
    if (!this.hasPosition()) {
      this.problem.set(
        this.transloco.translate('report.form.positionRequired'),
      );
      return;
    }
    const seenAt = new Date(this.form.controls.seenAt.value);
    if (
      Number.isNaN(seenAt.getTime()) ||
      seenAt.getTime() > Date.now() + 60_000
    ) {
      this.problem.set(this.transloco.translate('report.form.timeInFuture'));
      return;
    }
    this.sending.set(true);
    this.form.disable();
    try {
      const body = await this.buildBody(seenAt);
      const key = this.keys.current();
      const receipt = await sendUntilAnswered(
        () =>
          lastValueFrom(
            this.api
              .submit(body, key)
              .pipe(
                tap(
                  (event) =>
                    event.kind === 'progress' &&
                    this.progress.set(event.fraction),
                ),
              ),
          ).then((event) =>
            event.kind === 'done'
              ? event.receipt
              : Promise.reject(new Error('no answer')),
          ),
        {
          signal: this.abort.signal,
          onAttempt: (attempt) => {
            this.attempt.set(attempt);
            this.progress.set(0);
          },
        },
      );
      this.keys.finish();
      this.receipt.set(receipt);
    } catch (error) {
      // A refusal: nothing was stored, so the corrected report is a new one.
      this.keys.finish();
      this.problem.set(this.problems.message(error));
    } finally {
      this.sending.set(false);
      this.form.enable();
    }
  }

  private async buildBody(seenAt: Date): Promise<FormData> {
    const v = this.form.getRawValue();
    const body = new FormData();
    body.set('seenAt', seenAt.toISOString());
    body.set('latitude', String(v.latitude));
    body.set('longitude', String(v.longitude));
    if (v.placeText.trim()) body.set('placeText', v.placeText.trim());
    for (const flag of [
      'begging',
      'withAdult',
      'visibleInjuryOrDisability',
      'distressed',
    ] as const)
      body.set(flag, String(v[flag]));
    if (v.estimatedAgeYears !== null)
      body.set('estimatedAgeYears', String(v.estimatedAgeYears));
    body.set('sex', v.sex);
    if (v.description.trim()) body.set('description', v.description.trim());
    if (v.reporterContact.trim())
      body.set('reporterContact', v.reporterContact.trim());
    const photos = await Promise.all(
      this.photos().map((p) => downscalePhoto(p.file)),
    );
    photos.forEach((blob, i) =>
      body.append('photos', blob, `photo-${i + 1}.jpg`),
    );
    return body;
  }

  protected another(): void {
    for (const photo of this.photos()) URL.revokeObjectURL(photo.url);
    this.photos.set([]);
    this.receipt.set(null);
    this.form.reset();
    this.form.controls.seenAt.setValue(localInputValue(new Date()));
  }
}
