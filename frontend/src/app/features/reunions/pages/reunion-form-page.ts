import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import type { OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { FieldError } from '@hw/shared/ui/field-error';
import { ReunionErrors } from '../data/reunion-errors';
import { ReunionsApiService } from '../data/reunions-api.service';
import type { EvidenceMatch, RescuedChild } from '../data/reunions-api.service';
import { todayInChina } from '../data/today';

const familyMember = () =>
  new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    relationship: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(50)] }),
  });

/**
 * Logging a reunion, opened from a rescued child (`?rescuedChildId=`) or a file (`?caseId=`). The
 * evidence is required (the server's verification gate): a confirmed DNA match verifies it at once,
 * another verification waits for a supervisor.
 */
@Component({
  selector: 'hw-reunion-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    DateTimePipe,
    FieldError,
  ],
  template: `
    <a mat-button routerLink="/reunions"><mat-icon svgIcon="arrow_back" />{{ 'reunions.detail.back' | transloco }}</a>
    <header class="hw-page-header">
      <h1>{{ 'reunions.form.title' | transloco }}</h1>
    </header>
    <form [formGroup]="form" (ngSubmit)="submit()" class="hw-form">
      <h2>{{ 'reunions.form.who' | transloco }}</h2>
      @if (fixedChild(); as child) {
        <p data-testid="reunion-child">{{ childLabel(child) }}</p>
      } @else {
        <mat-form-field>
          <mat-label>{{ 'reunions.form.child' | transloco }}</mat-label>
          <mat-select formControlName="rescuedChildId" data-testid="reunion-child-select">
            @if (!childRequired()) {
              <mat-option [value]="null">{{ 'reunions.form.noChild' | transloco }}</mat-option>
            }
            @for (c of children(); track c.id) {
              <mat-option [value]="c.id">{{ childLabel(c) }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ (childrenLoaded() && !children().length ? 'reunions.form.noChildren' : 'reunions.form.childHint') | transloco }}</mat-hint>
          <mat-error><hw-field-error [control]="form.controls.rescuedChildId" /></mat-error>
        </mat-form-field>
      }
      <p>
        {{ 'reunions.field.case' | transloco }}:
        <strong data-testid="reunion-case">{{ caseNumber() ?? ('reunions.form.caseFromEvidence' | transloco) }}</strong>
      </p>

      <h2>{{ 'reunions.field.evidence' | transloco }}</h2>
      <p class="hw-muted">{{ 'reunions.form.gate' | transloco }}</p>
      <mat-radio-group formControlName="evidenceKind" class="hw-stack" [attr.aria-label]="'reunions.field.evidence' | transloco">
        <mat-radio-button value="dna_match" [disabled]="!matches().length">{{ 'reunions.form.dna' | transloco }}</mat-radio-button>
        @if (form.controls.evidenceKind.value === 'dna_match') {
          <mat-radio-group formControlName="matchId" class="hw-stack hw-indent" [attr.aria-label]="'reunions.form.dna' | transloco">
            @for (m of matches(); track m.matchId) {
              <mat-radio-button [value]="m.matchId" [disabled]="m.used">
                {{ 'reunions.evidence.option' | transloco: { caseNumber: m.caseNumber, date: (m.confirmedAt | hwDateTime: language()) } }}
                @if (m.used) {
                  ({{ 'reunions.evidence.used' | transloco }})
                }
              </mat-radio-button>
            }
          </mat-radio-group>
        }
        @if (!matches().length) {
          <p class="hw-muted hw-indent">{{ (lookedUp() ? 'reunions.form.noMatches' : 'reunions.form.chooseFirst') | transloco }}</p>
        }
        <mat-radio-button value="other">{{ 'reunions.form.other' | transloco }}</mat-radio-button>
        @if (form.controls.evidenceKind.value === 'other') {
          <mat-form-field class="hw-indent">
            <mat-label>{{ 'reunions.form.otherDescription' | transloco }}</mat-label>
            <textarea matInput formControlName="description" rows="4" maxlength="4000"></textarea>
            <mat-hint>{{ 'reunions.form.otherHint' | transloco }}</mat-hint>
            <mat-error><hw-field-error [control]="form.controls.description" /></mat-error>
          </mat-form-field>
        }
      </mat-radio-group>
      <mat-error><hw-field-error [control]="form.controls.evidenceKind" /></mat-error>

      <h2>{{ 'reunions.form.reunion' | transloco }}</h2>
      <mat-form-field>
        <mat-label>{{ 'reunions.field.reunitedOn' | transloco }}</mat-label>
        <input matInput type="date" formControlName="reunitedOn" [max]="today" />
        <mat-error><hw-field-error [control]="form.controls.reunitedOn" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'reunions.field.place' | transloco }}</mat-label>
        <input matInput formControlName="place" maxlength="500" />
        <mat-error><hw-field-error [control]="form.controls.place" /></mat-error>
      </mat-form-field>

      <h3>{{ 'reunions.detail.family' | transloco }}</h3>
      @for (member of family.controls; track member; let i = $index) {
        <div class="hw-row" [formGroup]="member">
          <mat-form-field>
            <mat-label>{{ 'reunions.form.memberName' | transloco }}</mat-label>
            <input matInput formControlName="name" />
            <mat-error><hw-field-error [control]="member.controls.name" /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reunions.form.relationship' | transloco }}</mat-label>
            <input matInput formControlName="relationship" />
            <mat-error><hw-field-error [control]="member.controls.relationship" /></mat-error>
          </mat-form-field>
          <button mat-icon-button type="button" (click)="family.removeAt(i)" [attr.aria-label]="'reunions.form.removeMember' | transloco">
            <mat-icon svgIcon="close" />
          </button>
        </div>
      }
      <button mat-button type="button" (click)="family.push(member())"><mat-icon svgIcon="add" />{{ 'reunions.form.addMember' | transloco }}</button>

      <div class="hw-actions">
        <a mat-button routerLink="/reunions">{{ 'common.cancel' | transloco }}</a>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'reunions.form.submit' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    .hw-form { display: flex; flex-direction: column; max-width: 720px; }
    .hw-stack { display: flex; flex-direction: column; gap: 8px; margin-bottom: 8px; }
    .hw-indent { margin-left: 32px; }
    .hw-row { display: flex; gap: 12px; align-items: baseline; }
    .hw-actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 24px; }
    .hw-muted { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReunionFormPage implements OnInit {
  readonly caseId = input<string>();
  readonly rescuedChildId = input<string>();
  private readonly api = inject(ReunionsApiService);
  private readonly problems = inject(ProblemService);
  private readonly errors = inject(ReunionErrors);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly me = inject(AuthService).me;
  private readonly transloco = inject(TranslocoService);
  protected readonly language = inject(LanguageService).current;

  protected readonly today = todayInChina();
  protected readonly member = familyMember;
  protected readonly children = signal<RescuedChild[]>([]);
  protected readonly childrenLoaded = signal(false);
  protected readonly fixedChild = signal<RescuedChild | null>(null);
  protected readonly matches = signal<EvidenceMatch[]>([]);
  protected readonly lookedUp = signal(false);
  protected readonly saving = signal(false);
  /** NGO caseworkers log reunions only for children in their care. */
  protected readonly childRequired = computed(() => this.me()?.user.role === 'ngo_caseworker');

  protected readonly family = new FormArray([familyMember()]);
  protected readonly form = new FormGroup({
    rescuedChildId: new FormControl<string | null>(null),
    evidenceKind: new FormControl<'dna_match' | 'other' | null>(null, { validators: [Validators.required] }),
    matchId: new FormControl<string | null>(null),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(4000)] }),
    reunitedOn: new FormControl(this.today, { nonNullable: true, validators: [Validators.required] }),
    place: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }),
    familyPresent: this.family,
  });
  private readonly selectedChild = signal<string | null>(null);
  private readonly selectedMatch = signal<string | null>(null);
  private readonly fileNumber = signal<string | null>(null);

  /** The file: given, the child's, or the chosen match's. */
  protected readonly caseNumber = computed(() => {
    const match = this.matches().find((m) => m.matchId === this.selectedMatch());
    const child = this.fixedChild() ?? this.children().find((c) => c.id === this.selectedChild());
    return match?.caseNumber ?? child?.case?.caseNumber ?? this.fileNumber();
  });

  ngOnInit(): void {
    if (this.childRequired()) this.form.controls.rescuedChildId.addValidators(Validators.required);
    this.form.controls.rescuedChildId.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((id) => {
      this.selectedChild.set(id);
      this.lookUpEvidence();
    });
    this.form.controls.matchId.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((id) => this.selectedMatch.set(id));
    this.form.controls.evidenceKind.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((kind) => {
      const { matchId, description } = this.form.controls;
      matchId.setValidators(kind === 'dna_match' ? [Validators.required] : []);
      description.setValidators(kind === 'other' ? [Validators.required, Validators.minLength(10), Validators.maxLength(4000)] : [Validators.maxLength(4000)]);
      matchId.updateValueAndValidity();
      description.updateValueAndValidity();
    });
    const childId = this.rescuedChildId();
    if (childId) {
      this.api.rescuedChild(childId).subscribe({
        next: (child) => {
          this.fixedChild.set(child);
          this.form.controls.rescuedChildId.setValue(child.id);
        },
        error: (error: unknown) => this.problems.show(error),
      });
    } else {
      this.api.childrenInCare().subscribe({
        next: (page) => {
          this.children.set(page.items.filter((c) => !this.caseId() || !c.case || c.case.id === this.caseId()));
          this.childrenLoaded.set(true);
        },
        error: (error: unknown) => this.problems.show(error),
      });
      const caseId = this.caseId();
      if (caseId) {
        this.lookUpEvidence();
        if (!this.childRequired()) this.api.caseNumber(caseId).subscribe({ next: (c) => this.fileNumber.set(c.caseNumber), error: (error: unknown) => this.problems.show(error) });
      }
    }
  }

  /** The name the child gave, the file's name and number once identified, and where they were rescued. */
  protected childLabel(c: RescuedChild): string {
    const file = c.case ? `${c.case.childFullName} ${c.case.caseNumber}` : null;
    return [c.name, file, c.rescue.place].filter(Boolean).join(' · ');
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const match = this.matches().find((m) => m.matchId === v.matchId);
    const child = this.fixedChild() ?? this.children().find((c) => c.id === v.rescuedChildId);
    const caseId = (v.evidenceKind === 'dna_match' ? match?.caseId : undefined) ?? child?.case?.id ?? this.caseId();
    if (!caseId) {
      this.form.controls.evidenceKind.setErrors({ server: this.transloco.translate('reunions.form.noCase') });
      this.form.controls.evidenceKind.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .create({
        caseId,
        rescuedChildId: v.rescuedChildId ?? undefined,
        reunitedOn: v.reunitedOn,
        place: v.place.trim(),
        familyPresent: v.familyPresent.map((m) => ({ name: m.name.trim(), relationship: m.relationship.trim() })),
        evidence: v.evidenceKind === 'dna_match' ? { kind: 'dna_match', matchId: v.matchId ?? undefined } : { kind: 'other', description: v.description.trim() },
      })
      .subscribe({
        next: (created) => void this.router.navigate(['/reunions', created.id]),
        error: (error: unknown) => {
          this.saving.set(false);
          this.errors.show(error, this.form, { evidence: 'evidenceKind', 'evidence.matchId': 'matchId', 'evidence.description': 'description' });
        },
      });
  }

  /** Confirmed matches for the chosen child (or the given file): number and date only. */
  private lookUpEvidence(): void {
    const rescuedChildId = this.form.controls.rescuedChildId.value ?? undefined;
    const caseId = rescuedChildId ? undefined : this.caseId();
    this.matches.set([]);
    this.form.controls.matchId.setValue(null);
    if (!rescuedChildId && !caseId) {
      this.lookedUp.set(false);
      return;
    }
    this.api.evidence({ caseId, rescuedChildId }).subscribe({
      next: (list) => {
        this.matches.set(list.items);
        this.lookedUp.set(true);
        if (list.items[0]) this.fileNumber.set(list.items[0].caseNumber);
        const usable = list.items.filter((m) => !m.used);
        if (usable.length && !this.form.controls.evidenceKind.value) this.form.controls.evidenceKind.setValue('dna_match');
        if (usable.length === 1) this.form.controls.matchId.setValue(usable[0].matchId);
      },
      error: (error: unknown) => this.problems.show(error),
    });
  }
}
