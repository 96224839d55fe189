import { Injectable } from '@angular/core';
import { TranslatedPaginatorIntl } from '@hw/core/i18n/paginator-intl';

/** The file list's paginator labels: a total the server only estimated reads "of about" a rounded number. */
@Injectable()
export class CaseListPaginatorIntl extends TranslatedPaginatorIntl {
  private totalIsEstimate = false;

  setTotalIsEstimate(estimate: boolean): void {
    if (estimate === this.totalIsEstimate) return;
    this.totalIsEstimate = estimate;
    this.changes.next();
  }

  protected override rangeLabel(
    start: number,
    end: number,
    length: number,
  ): string {
    if (!this.totalIsEstimate) return super.rangeLabel(start, end, length);
    // Two significant figures: the planner's estimate is no more precise than that.
    const about = Number(length.toPrecision(2)).toLocaleString(
      this.transloco.getActiveLang(),
    );
    return this.transloco.translate('paginator.rangeEstimate', {
      start,
      end,
      length: about,
    });
  }
}
