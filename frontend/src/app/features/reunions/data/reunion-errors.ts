import { Injectable, inject } from '@angular/core';
import type { AbstractControl, FormGroup } from '@angular/forms';
import { TranslocoService } from '@jsverse/transloco';
import { ProblemService, problemOf } from '@hw/core/auth/problem.service';

/**
 * The reunion rules' refusals (the verification gate, the two-person rule …) in the reader's language,
 * from this feature's scope (`reunions.errors.<code>`), under the field at fault when the form has it.
 */
@Injectable({ providedIn: 'root' })
export class ReunionErrors {
  private readonly transloco = inject(TranslocoService);
  private readonly problems = inject(ProblemService);

  show(error: unknown, form?: FormGroup, fieldMap: Record<string, string> = {}): void {
    const problem = problemOf(error);
    const key = `reunions.errors.${problem?.code}`;
    const text = problem?.code ? this.transloco.translate(key) : key;
    if (text === key) {
      if (form) this.problems.applyToForm(error, form, fieldMap);
      else this.problems.show(error);
      return;
    }
    const field = problem?.errors?.[0]?.field;
    const control: AbstractControl | null = form && field ? form.get(fieldMap[field] ?? field) : null;
    if (control) {
      control.setErrors({ server: text });
      control.markAsTouched();
    } else {
      this.problems.notify(text, true);
    }
  }
}
