import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { FormGroup } from '@angular/forms';
import type { AbstractControl } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = error.error as Problem | null;
  return body && typeof body === 'object' ? { status: error.status, ...body } : { status: error.status };
}

/** Turns API errors into words a person can act on: a snackbar, or messages under form fields. */
@Injectable({ providedIn: 'root' })
export class ProblemService {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  /** The message for an error: a translated text for known codes, else the server's detail. */
  message(error: unknown): string {
    const problem = problemOf(error);
    if (!problem) return this.transloco.translate('errors.unexpected');
    if (problem.status === 0) return this.transloco.translate('errors.network');
    if (problem.code) {
      const key = `errors.codes.${problem.code}`;
      const text = this.transloco.translate(key);
      if (text !== key) return text;
    }
    if (problem.detail) return problem.detail;
    if (problem.status === 404) return this.transloco.translate('errors.notFound');
    if (problem.status === 403) return this.transloco.translate('errors.forbidden');
    if (problem.status === 429) return this.transloco.translate('errors.rateLimited');
    return this.transloco.translate('errors.unexpected');
  }

  show(error: unknown): void {
    this.notify(this.message(error), true);
  }

  /** A short confirmation ("Saved"), already translated. */
  notify(message: string, isError = false): void {
    this.snackBar.open(message, this.transloco.translate('common.close'), {
      duration: isError ? 8000 : 4000,
      panelClass: isError ? 'hw-snack-error' : undefined,
      politeness: isError ? 'assertive' : 'polite',
    });
  }

  /**
   * Puts `errors[]` of a 400 under the matching form fields (`{ server: message }`) and returns true;
   * anything it cannot place goes to a snackbar.
   */
  applyToForm(error: unknown, form: FormGroup | Record<string, AbstractControl>, fieldMap: Record<string, string> = {}): boolean {
    const problem = problemOf(error);
    let placed = false;
    for (const fieldError of problem?.errors ?? []) {
      const name = fieldMap[fieldError.field] ?? fieldError.field;
      const control: AbstractControl | null = form instanceof FormGroup ? form.get(name) : (form[name] ?? null);
      if (control) {
        control.setErrors({ ...(control.errors ?? {}), server: fieldError.message });
        control.markAsTouched();
        placed = true;
      }
    }
    if (!placed) this.show(error);
    return placed;
  }
}
