import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { catchError, of } from 'rxjs';
import { DnaApiService } from '../data/dna-api.service';
import type { FrequencyTable } from '../data/dna-api.service';

/** Allele frequency tables per population; a placeholder table is flagged until a Han table is imported. */
@Component({
  selector: 'hw-dna-frequency-tables-page',
  imports: [MatTableModule, TranslocoPipe],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.tables.title' | transloco }}</h1>
    </header>
    @let list = tables();
    @if (list) {
      <table
        mat-table
        [dataSource]="list"
        [attr.aria-label]="'dna.tables.title' | transloco"
      >
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.name' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">
            {{ t.name }}
            @if (t.placeholder) {
              <span
                class="hw-placeholder"
                [title]="'dna.tables.placeholderHint' | transloco"
                >{{ 'dna.tables.placeholder' | transloco }}</span
              >
            }
            @if (t.searchDefault) {
              <span class="hw-default">{{
                'dna.tables.searchDefault' | transloco
              }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="population">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.population' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">{{ t.population }}</td>
        </ng-container>
        <ng-container matColumnDef="loci">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.loci' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">{{ t.locusCount }}</td>
        </ng-container>
        <ng-container matColumnDef="floor">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.floor' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">
            {{ t.floor.kind === 'fixed' ? t.floor.value : '5/2N' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="version">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.version' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">
            <code>{{ t.version }}</code>
          </td>
        </ng-container>
        <ng-container matColumnDef="source">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'dna.tables.source' | transloco }}
          </th>
          <td mat-cell *matCellDef="let t">{{ t.source }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let t; columns: columns"></tr>
      </table>
    }
  `,
  styles: `
    .hw-placeholder {
      margin-left: 8px;
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .hw-default {
      margin-left: 8px;
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FrequencyTablesPage {
  private readonly problems = inject(ProblemService);
  protected readonly columns = [
    'name',
    'population',
    'loci',
    'floor',
    'version',
    'source',
  ];
  protected readonly tables = toSignal(
    inject(DnaApiService)
      .frequencyTables()
      .pipe(
        catchError((error: unknown) => {
          this.problems.show(error);
          return of([] as FrequencyTable[]);
        }),
      ),
  );
}
