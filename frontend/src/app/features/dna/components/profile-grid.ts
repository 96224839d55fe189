import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LocusGroup, ProfileGroup } from '../data/profile-form';

export interface GridColumn {
  /** Translation key of the heading ("Child", "Alleged father"). */
  label: string;
  group: ProfileGroup;
}

/**
 * Genotypes as a table: one row per locus, two allele inputs per person. A locus with an allele that
 * is not a repeat number (X/Y at AMEL) is marked and explained in its row.
 */
@Component({
  selector: 'hw-dna-profile-grid',
  imports: [ReactiveFormsModule, TranslocoPipe],
  template: `
    <table class="hw-grid">
      <thead>
        <tr>
          <th scope="col">{{ 'dna.field.locus' | transloco }}</th>
          @for (c of columns(); track c.label) {
            <th scope="colgroup" colspan="2">{{ c.label | transloco }}</th>
          }
          <th scope="col">
            <span class="hw-visually-hidden">{{
              'dna.entry.problem' | transloco
            }}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        @for (locus of loci(); track locus) {
          <tr>
            <th scope="row">{{ locus }}</th>
            @for (c of columns(); track c.label) {
              @let g = locusGroup(c, locus);
              @if (g) {
                <ng-container [formGroup]="g">
                  @for (n of [1, 2]; track n) {
                    <td>
                      <input
                        [formControlName]="n === 1 ? 'a1' : 'a2'"
                        [class.hw-bad]="g.invalid && g.touched"
                        [attr.aria-invalid]="g.invalid && g.touched"
                        [attr.aria-label]="
                          'dna.entry.alleleLabel'
                            | transloco
                              : { locus, n, who: (c.label | transloco) }
                        "
                        autocomplete="off"
                        spellcheck="false"
                        inputmode="decimal"
                      />
                    </td>
                  }
                </ng-container>
              }
            }
            <td class="hw-row-error" role="status">
              @for (c of columns(); track c.label) {
                @let g = locusGroup(c, locus);
                @if (g?.touched && g?.errors; as e) {
                  <span>
                    @if (columns().length > 1) {
                      {{ c.label | transloco }}:
                    }
                    @if (e['allele']) {
                      {{
                        (locus === 'AMEL'
                          ? 'dna.entry.badSexAllele'
                          : 'dna.entry.badAllele'
                        ) | transloco: { allele: e['allele'] }
                      }}
                    } @else {
                      {{ 'dna.entry.firstAllele' | transloco }}
                    }
                  </span>
                }
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    .hw-grid {
      border-collapse: collapse;
    }
    .hw-grid th,
    .hw-grid td {
      padding: 2px 6px;
      text-align: left;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .hw-grid thead th {
      font: var(--mat-sys-title-small);
    }
    .hw-grid tbody th {
      font-weight: 500;
      white-space: nowrap;
    }
    input {
      width: 4.5em;
      padding: 4px 6px;
      font: inherit;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }
    input:focus {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -1px;
    }
    input.hw-bad {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
    }
    .hw-row-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      min-width: 12em;
    }
    .hw-row-error span {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.Default,
})
export class ProfileGrid {
  readonly loci = input.required<readonly string[]>();
  readonly columns = input.required<readonly GridColumn[]>();

  protected locusGroup(column: GridColumn, locus: string): LocusGroup | null {
    return (column.group.controls[locus] as LocusGroup | undefined) ?? null;
  }
}
