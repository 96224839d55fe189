import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
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
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { ProfileGrid } from '../components/profile-grid';
import type { GridColumn } from '../components/profile-grid';
import {
  MUTATION_MODELS,
  PEOPLE,
  RELATIONSHIPS,
  calculatorRequest,
  inconsistentLoci,
  observedAlleles,
  orderLoci,
  tableFrequencies,
} from '../data/calculator-form';
import type {
  KinshipRequest,
  MutationChoice,
  Person,
  Relationship,
} from '../data/calculator-form';
import { DnaApiService } from '../data/dna-api.service';
import type {
  FrequencyTable,
  FrequencyTableDetail,
} from '../data/dna-api.service';
import {
  KIT_23_LOCI,
  parsePastedProfile,
  profileGroup,
  typedLoci,
} from '../data/profile-form';
import type { ProfileGroup } from '../data/profile-form';

type Result = Schemas['KinshipCalculateResponseDto'];
const ALL_PEOPLE: readonly Person[] = ['child', 'alleged', 'mother', 'father'];

/**
 * The stateless kinship calculator (lab staff): relationship, mutation model, θ and a stored frequency
 * table, the genotypes of the people compared; the answer per locus. An advanced mode takes the
 * request as JSON, exactly as the API does.
 */
@Component({
  selector: 'hw-dna-calculator-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
    ProfileGrid,
  ],
  templateUrl: './calculator-page.html',
  styles: `
    .hw-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
    .hw-row {
      margin-bottom: 8px;
    }
    .hw-row > mat-form-field {
      flex: 0 1 240px;
    }
    .hw-json {
      width: 100%;
    }
    .hw-json textarea {
      font-family: monospace;
    }
    .hw-paste {
      margin: 8px 0 16px;
    }
    .hw-paste summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
      margin-bottom: 8px;
    }
    .hw-buttons {
      display: flex;
      gap: 12px;
      align-items: center;
      margin: 16px 0;
      flex-wrap: wrap;
    }
    .hw-error {
      color: var(--mat-sys-error);
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
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
    .hw-loci {
      border-collapse: collapse;
      margin-top: 12px;
    }
    .hw-loci th,
    .hw-loci td {
      padding: 4px 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .hw-loci td.hw-num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .hw-inconsistent {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.Default,
})
export class CalculatorPage {
  private readonly api = inject(DnaApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly resultHeading =
    viewChild<ElementRef<HTMLElement>>('resultHeading');
  protected readonly relationships = RELATIONSHIPS;
  protected readonly models = MUTATION_MODELS;

  protected readonly form = new FormGroup({
    relationship: new FormControl<Relationship>('parent_child', {
      nonNullable: true,
    }),
    mutation: new FormControl<MutationChoice>('stepwise', {
      nonNullable: true,
    }),
    rate: new FormControl(0.001, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(1)],
    }),
    rate2: new FormControl(0.000001, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(1)],
    }),
    range: new FormControl(0.1, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0.000001)],
    }),
    theta: new FormControl(0, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(0.99),
      ],
    }),
    tableId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });
  protected readonly relationship = toSignal(
    this.form.controls.relationship.valueChanges,
    {
      initialValue: this.form.controls.relationship.value,
    },
  );
  protected readonly mutation = toSignal(
    this.form.controls.mutation.valueChanges,
    {
      initialValue: this.form.controls.mutation.value,
    },
  );

  protected readonly tables = signal<FrequencyTable[]>([]);
  protected readonly table = signal<FrequencyTableDetail | null>(null);
  protected readonly loci = computed(() =>
    orderLoci(this.table()?.loci ?? [...KIT_23_LOCI], KIT_23_LOCI),
  );
  /** One grid per person; rebuilt (keeping what was typed) when another table brings other loci. */
  protected readonly grids = signal<Record<Person, ProfileGroup>>(
    this.buildGrids([...KIT_23_LOCI]),
  );
  protected readonly activePeople = computed(() => PEOPLE[this.relationship()]);
  protected readonly columns = computed<GridColumn[]>(() =>
    this.activePeople().map((p) => ({
      label: this.personKey(p),
      group: this.grids()[p],
    })),
  );

  protected readonly pasteTarget = new FormControl<Person>('child', {
    nonNullable: true,
  });
  protected readonly pasted = new FormControl('', { nonNullable: true });
  protected readonly pasteNote = signal<string | null>(null);

  protected readonly jsonMode = new FormControl(false, { nonNullable: true });
  protected readonly json = new FormControl('', { nonNullable: true });
  protected readonly error = signal<string | null>(null);
  protected readonly skipped = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly result = signal<{
    request: KinshipRequest;
    answer: Result;
  } | null>(null);
  protected readonly rows = computed(() => {
    const r = this.result();
    if (!r) return [];
    const marked = inconsistentLoci(r.request);
    const perLocus = r.answer.perLocus as Record<string, number>;
    const others = PEOPLE[r.request.relationship].slice(1);
    return Object.entries(perLocus).map(([locus, lr]) => ({
      locus,
      lr,
      child: r.request.profiles.child?.[locus]?.join('/') ?? '',
      others: others.map(
        (p) => r.request.profiles[p]?.[locus]?.join('/') ?? '',
      ),
      inconsistent: marked.has(locus) || lr === 0,
    }));
  });
  protected readonly otherPeople = computed(() => {
    const r = this.result();
    return r ? PEOPLE[r.request.relationship].slice(1) : [];
  });

  constructor() {
    this.api
      .frequencyTables()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (tables) => {
          this.tables.set(tables);
          const preferred = tables.find((t) => t.searchDefault) ?? tables[0];
          if (preferred) this.form.controls.tableId.setValue(preferred.id);
        },
        error: (error: unknown) => this.problems.show(error),
      });
    this.form.controls.tableId.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((id) => this.loadTable(id));
    this.form.controls.relationship.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((r) => {
        if (!PEOPLE[r].includes(this.pasteTarget.value))
          this.pasteTarget.setValue('child');
      });
    this.jsonMode.valueChanges.pipe(takeUntilDestroyed()).subscribe((on) => {
      if (on)
        this.json.setValue(
          JSON.stringify(this.shape()?.request ?? {}, null, 2),
        );
    });
  }

  protected personKey(p: Person): string {
    return `dna.calculator.person.${p}`;
  }

  protected fillFromPaste(): void {
    const { loci, unknown } = parsePastedProfile(
      this.pasted.value,
      this.loci(),
    );
    const grid = this.grids()[this.pasteTarget.value];
    for (const [locus, [a1, a2]] of Object.entries(loci)) {
      grid.controls[locus]?.setValue({ a1, a2 });
      grid.controls[locus]?.markAsTouched();
    }
    this.pasteNote.set(
      this.transloco.translate('dna.entry.filled', {
        count: Object.keys(loci).length,
        unknown: unknown.length ? unknown.join(', ') : '—',
      }),
    );
  }

  protected calculate(): void {
    this.error.set(null);
    let request: KinshipRequest;
    if (this.jsonMode.value) {
      try {
        request = JSON.parse(this.json.value) as KinshipRequest;
      } catch (error) {
        this.error.set(
          `${this.transloco.translate('dna.calculator.badJson')} ${(error as Error).message}`,
        );
        return;
      }
    } else {
      const shaped = this.shape();
      if (!shaped) return;
      request = shaped.request;
    }
    this.busy.set(true);
    this.api
      .calculate(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (answer) => {
          this.busy.set(false);
          this.result.set({ request, answer });
          // The answer sits below a long grid: take the reader (and a screen reader) to it.
          afterNextRender(() => this.resultHeading()?.nativeElement.focus(), {
            injector: this.injector,
          });
        },
        error: (error: unknown) => {
          // 422 names exactly what is wrong (an allele missing from the table, a locus in one profile only, …).
          this.busy.set(false);
          this.result.set(null);
          this.error.set(this.problems.message(error));
        },
      });
  }

  /** The request from the form, or null (with the reason shown) when the form is not ready. */
  private shape(): { request: KinshipRequest; skipped: string[] } | null {
    this.form.markAllAsTouched();
    const people = PEOPLE[this.form.controls.relationship.value];
    const grids = this.grids();
    people.forEach((p) => grids[p].markAllAsTouched());
    const table = this.table();
    if (this.form.invalid || people.some((p) => grids[p].invalid)) {
      this.error.set(this.transloco.translate('dna.entry.fixProblems'));
      return null;
    }
    if (!table) {
      this.error.set(this.transloco.translate('dna.calculator.noTable'));
      return null;
    }
    const v = this.form.getRawValue();
    const profiles = Object.fromEntries(
      people.map((p) => [p, typedLoci(grids[p].getRawValue())]),
    );
    const shaped = calculatorRequest({
      ...v,
      profiles,
      frequencies: tableFrequencies(table, observedAlleles(profiles)),
    });
    this.skipped.set(shaped.skipped);
    if (Object.keys(shaped.request.profiles.child ?? {}).length === 0) {
      this.error.set(this.transloco.translate('dna.calculator.noLoci'));
      return null;
    }
    return shaped;
  }

  private loadTable(id: string): void {
    if (!id) return;
    this.api
      .frequencyTable(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (table) => {
          this.table.set(table);
          this.grids.set(this.buildGrids(this.loci(), this.grids()));
        },
        error: (error: unknown) => this.problems.show(error),
      });
  }

  private buildGrids(
    loci: string[],
    previous?: Record<Person, ProfileGroup>,
  ): Record<Person, ProfileGroup> {
    const grids = {} as Record<Person, ProfileGroup>;
    for (const p of ALL_PEOPLE) {
      grids[p] = profileGroup(loci);
      const old = previous?.[p].getRawValue() ?? {};
      for (const locus of loci)
        if (old[locus]) grids[p].controls[locus].setValue(old[locus]);
    }
    return grids;
  }
}
