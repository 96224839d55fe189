import { HttpErrorResponse } from '@angular/common/http';
import type { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API } from '@hw/core/api/api';
import { AuthService } from './auth.service';

/** Sign-in endpoints carry no bearer token and are never retried. */
const AUTH_ENDPOINTS = /\/api\/v1\/auth\/(login|mfa|refresh|logout)/;

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the access token to API calls. On a 401 it refreshes once and retries the request once;
 * when the refresh fails or the retry is refused again, the session has ended: back to sign-in.
 * A 403 PASSWORD_CHANGE_REQUIRED sends the user to the change-password page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(API) || AUTH_ENDPOINTS.test(request.url)) return next(request);
  const auth = inject(AuthService);
  const router = inject(Router);

  return next(withToken(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 403 && error.error?.code === 'PASSWORD_CHANGE_REQUIRED') {
        void router.navigate(['/auth/change-password']);
        return throwError(() => error);
      }
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return auth.refresh().pipe(
        switchMap((token) => {
          if (!token) {
            auth.endSession();
            return throwError(() => error);
          }
          return next(withToken(request, token)).pipe(
            catchError((retryError: unknown) => {
              if (retryError instanceof HttpErrorResponse && retryError.status === 401) auth.endSession();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};
