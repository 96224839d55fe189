import { inject } from '@angular/core';
import type { Route } from '@angular/router';
import { Router } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';

export const authRoutes: Route[] = [
  {
    path: '',
    providers: [provideTranslocoScope('auth')],
    children: [
      { path: 'sign-in', title: 'Homeward', loadComponent: () => import('./pages/sign-in/sign-in-page').then((m) => m.SignInPage) },
      {
        path: 'change-password',
        canMatch: [
          async () => (await inject(AuthService).ensureSession()) || inject(Router).createUrlTree(['/auth/sign-in']),
        ],
        loadComponent: () => import('./pages/change-password/change-password-page').then((m) => m.ChangePasswordPage),
      },
      { path: '', pathMatch: 'full', redirectTo: 'sign-in' },
    ],
  },
];
