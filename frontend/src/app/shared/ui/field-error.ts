import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The message for a form control's first error, translated (`validation.*` keys) or the server's
 * message for a field. Use inside `<mat-error>`.
 */
@Component({
  selector: 'hw-field-error',
  imports: [TranslocoPipe],
  template: `
    @let errors = control().errors;
    @if (errors) {
      @if (errors['server']) {
        {{ errors['server'] }}
      } @else if (errors['required']) {
        {{ 'validation.required' | transloco }}
      } @else if (errors['minlength']) {
        {{ 'validation.minLength' | transloco: { min: errors['minlength'].requiredLength } }}
      } @else if (errors['maxlength']) {
        {{ 'validation.maxLength' | transloco: { max: errors['maxlength'].requiredLength } }}
      } @else if (errors['pattern']) {
        {{ patternKey() | transloco }}
      } @else if (errors['mismatch']) {
        {{ 'validation.mismatch' | transloco }}
      } @else if (errors['min'] || errors['max']) {
        {{ 'validation.range' | transloco }}
      } @else {
        {{ 'validation.invalid' | transloco }}
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.Default,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  readonly patternKey = input('validation.invalid');
}
