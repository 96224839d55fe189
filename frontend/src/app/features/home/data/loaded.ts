import { DestroyRef, computed, inject, signal } from '@angular/core';
import type { Signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { ProblemService } from '@hw/core/auth/problem.service';

/** One block of a dashboard: its data once it arrived, whether it failed, and a way to try again. */
export interface Loaded<T> {
  readonly value: Signal<T | undefined>;
  readonly loading: Signal<boolean>;
  readonly failed: Signal<boolean>;
  reload(): void;
}

/**
 * Starts loading a dashboard block now (call it in a constructor or field initialiser). A failure is
 * shown once through the ProblemService and leaves the block with a "try again" button; the other
 * blocks carry on.
 */
export function loaded<T>(source: () => Observable<T>): Loaded<T> {
  const problems = inject(ProblemService);
  const value = signal<T | undefined>(undefined);
  const failed = signal(false);
  let subscription: Subscription | undefined;
  const reload = () => {
    subscription?.unsubscribe();
    value.set(undefined);
    failed.set(false);
    subscription = source().subscribe({
      next: (v) => value.set(v),
      error: (error: unknown) => {
        failed.set(true);
        problems.show(error);
      },
    });
  };
  inject(DestroyRef).onDestroy(() => subscription?.unsubscribe());
  reload();
  return {
    value: value.asReadonly(),
    loading: computed(() => value() === undefined && !failed()),
    failed: failed.asReadonly(),
    reload,
  };
}
