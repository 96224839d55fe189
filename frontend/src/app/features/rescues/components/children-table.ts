import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { childLabel } from '../data/rescue-form';
import type { RescuedChild } from '../data/rescues-api.service';

/** Rescued children as rows: who (file or description), age, condition, placement; each opens the child. */
@Component({
  selector: 'hw-children-table',
  imports: [MatTableModule, RouterLink, TranslocoPipe],
  template: `
    <table mat-table [dataSource]="children()" [attr.aria-label]="caption()">
      <ng-container matColumnDef="child">
        <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.child' | transloco }}</th>
        <td mat-cell *matCellDef="let c">
          <a [routerLink]="['/rescued-children', c.id]">{{ nameOf(c) }}</a>
          @if (c.case) {
            <span class="hw-muted"> · {{ c.case.caseNumber }}</span>
          } @else if (c.case === null) {
            <span class="hw-muted"> · {{ 'rescues.child.seekingFamily' | transloco }}</span>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="sexAge">
        <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.sexAge' | transloco }}</th>
        <td mat-cell *matCellDef="let c">
          {{ 'rescues.sex.' + c.sex | transloco }}
          @if (c.estimatedAgeYears !== null) {
            · {{ 'rescues.child.age' | transloco: { years: c.estimatedAgeYears } }}
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="condition">
        <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.condition' | transloco }}</th>
        <td mat-cell *matCellDef="let c">{{ c.condition ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="placement">
        <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.placement' | transloco }}</th>
        <td mat-cell *matCellDef="let c">
          @if (c.placement) {
            {{ c.placement.organisationName ?? c.placement.shelter }}
          } @else if (c.placement === null) {
            {{ 'rescues.placement.none' | transloco }}
          } @else {
            —
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="rescue">
        <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.rescue' | transloco }}</th>
        <td mat-cell *matCellDef="let c">{{ c.rescue.occurredAt.slice(0, 10) }} · {{ c.rescue.place }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr mat-row *matRowDef="let c; columns: columns()"></tr>
    </table>
  `,
  styles: `
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChildrenTable {
  readonly children = input.required<RescuedChild[]>();
  readonly caption = input.required<string>();
  readonly columns = input(['child', 'sexAge', 'condition', 'placement']);
  protected readonly nameOf = childLabel;
}
