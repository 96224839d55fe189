import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { OrganisationDialog } from '../../components/organisation-dialog';
import type { OrganisationDialogData } from '../../components/organisation-dialog';
import { OrganisationsApiService } from '../../data/organisations-api.service';
import { referenceData } from '../../data/reference-data';

@Component({
  selector: 'hw-organisation-list-page',
  imports: [MatButtonModule, MatIconModule, MatPaginatorModule, MatProgressBarModule, MatTableModule, TranslocoPipe, EmptyState],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'admin.organisations.title' | transloco }}</h1>
      @if (canCreate) {
        <button mat-flat-button type="button" (click)="edit(null)">
          <mat-icon svgIcon="add" />{{ 'admin.organisations.create' | transloco }}
        </button>
      }
    </header>
    <div class="hw-table-wrap">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @let result = page();
      @if (result && result.items.length) {
        <table mat-table [dataSource]="result.items" [attr.aria-label]="'admin.organisations.title' | transloco">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.organisations.name' | transloco }}</th>
            <td mat-cell *matCellDef="let org">{{ org.name }}</td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.organisations.kind' | transloco }}</th>
            <td mat-cell *matCellDef="let org">{{ 'organisationKinds.' + org.kind | transloco }}</td>
          </ng-container>
          <ng-container matColumnDef="jurisdiction">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.organisations.jurisdiction' | transloco }}</th>
            <td mat-cell *matCellDef="let org">
              {{ language() === 'zh-CN' ? org.jurisdiction.name : org.jurisdiction.nameEn }} · {{ org.jurisdiction.code }}
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="hw-visually-hidden">{{ 'common.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let org">
              @if (canUpdate) {
                <button mat-icon-button type="button" (click)="edit(org)" [attr.aria-label]="'admin.organisations.editNamed' | transloco: { name: org.name }">
                  <mat-icon svgIcon="edit" />
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let org; columns: columns"></tr>
        </table>
      } @else if (result && !loading()) {
        <hw-empty-state icon="business" [title]="'admin.organisations.empty' | transloco" />
      }
      <mat-paginator
        [length]="result?.total ?? 0"
        [pageIndex]="pageIndex()"
        [pageSize]="pageSize()"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="onPage($event)"
      />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationListPage {
  private readonly api = inject(OrganisationsApiService);
  private readonly problems = inject(ProblemService);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly ability = inject(AbilityService);
  private readonly ref = referenceData();
  protected readonly language = inject(LanguageService).current;
  protected readonly canCreate = this.ability.can('create', 'Organisation');
  protected readonly canUpdate = this.ability.can('update', 'Organisation');
  protected readonly columns = ['name', 'kind', 'jurisdiction', 'actions'];
  protected readonly loading = signal(true);
  protected readonly page = signal<Schemas['OrganisationPageDto'] | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);

  constructor() {
    this.load();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected edit(organisation: Schemas['OrganisationDto'] | null): void {
    this.dialog
      .open<OrganisationDialog, OrganisationDialogData, Schemas['OrganisationDto']>(OrganisationDialog, {
        data: { organisation, jurisdictions: this.ref.jurisdictions() },
        width: '520px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.problems.notify(this.transloco.translate('admin.organisations.saved', { name: saved.name }));
        this.load();
      });
  }

  private load(): void {
    this.loading.set(true);
    this.api.list({ page: this.pageIndex() + 1, pageSize: this.pageSize() }).subscribe({
      next: (page) => {
        this.page.set(page);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problems.show(error);
      },
    });
  }
}
