import { Pipe } from '@angular/core';
import type { PipeTransform } from '@angular/core';

/** `{{ iso | hwDateTime: language() }}`: a timestamp in the reader's language and local time. */
@Pipe({ name: 'hwDateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    if (!value) return '—';
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
  }
}
