import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import { Router } from '@angular/router';
import { AuthService } from './auth.service';

/** The dashboard needs a session (restored from the refresh cookie on a reload) and a changed one-time password. */
export const signedInGuard: CanMatchFn = async (_route, segments) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await auth.ensureSession())) {
    const returnUrl = '/' + segments.map((s) => s.path).join('/');
    return router.createUrlTree(['/auth/sign-in'], { queryParams: returnUrl === '/' ? {} : { returnUrl } });
  }
  if (auth.me()?.user.mustChangePassword) return router.createUrlTree(['/auth/change-password']);
  return true;
};
