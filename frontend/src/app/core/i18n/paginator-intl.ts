import { Injectable, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService } from '@jsverse/transloco';

/** Material paginator labels in the active language. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  protected readonly transloco = inject(TranslocoService);

  constructor() {
    super();
    this.transloco.selectTranslation().subscribe(() => {
      const t = (key: string) => this.transloco.translate(`paginator.${key}`);
      this.itemsPerPageLabel = t('itemsPerPage');
      this.nextPageLabel = t('next');
      this.previousPageLabel = t('previous');
      this.firstPageLabel = t('first');
      this.lastPageLabel = t('last');
      this.changes.next();
    });
  }

  override getRangeLabel = (
    page: number,
    pageSize: number,
    length: number,
  ): string => {
    if (length === 0) return this.transloco.translate('paginator.rangeEmpty');
    const start = page * pageSize + 1;
    const end = Math.min((page + 1) * pageSize, length);
    return this.rangeLabel(start, end, length);
  };

  /** The label of a non-empty page, for subclasses that word the total differently. */
  protected rangeLabel(start: number, end: number, length: number): string {
    return this.transloco.translate('paginator.range', { start, end, length });
  }
}
