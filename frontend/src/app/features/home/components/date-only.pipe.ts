import { Pipe } from '@angular/core';
import type { PipeTransform } from '@angular/core';

/** `{{ '2026-12-01' | hwDateOnly: language() }}`: a calendar day in the reader's language (no time, no time zone shift). */
@Pipe({ name: 'hwDateOnly' })
export class DateOnlyPipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    if (!value) return '—';
    const [year, month, day] = value.slice(0, 10).split('-').map(Number);
    return new Intl.DateTimeFormat(lang, {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, day)));
  }
}
