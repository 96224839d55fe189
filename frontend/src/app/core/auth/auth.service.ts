import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, finalize, firstValueFrom, map, of, share, tap } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import { API } from '@hw/core/api/api';
import type { LoginResponseDto, MeDto, MfaEnrolmentDto } from '@hw/core/api/api';

/** Refresh this many seconds before the access token expires. */
const REFRESH_MARGIN_SECONDS = 60;

export type SignInReason = 'session-ended' | 'signed-out';

/**
 * The session. The access token lives only in memory; the rotating refresh token is an httpOnly
 * cookie that the browser sends to /api/v1/auth, so a reload restores the session with one refresh.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly ability = inject(AbilityService);

  private readonly token = signal<string | null>(null);
  private readonly meState = signal<MeDto | null>(null);
  readonly me = this.meState.asReadonly();
  readonly signedIn = computed(() => this.meState() !== null);

  private restoring: Promise<boolean> | null = null;
  private refreshing$: Observable<string | null> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.refreshTimer));
  }

  accessToken(): string | null {
    return this.token();
  }

  /** True when a session exists or could be restored from the refresh cookie (and /me is loaded). */
  ensureSession(): Promise<boolean> {
    if (this.meState()) return Promise.resolve(true);
    this.restoring ??= (async () => {
      const token = this.token() ?? (await firstValueFrom(this.refresh()));
      if (!token) return false;
      try {
        await this.loadMe();
        return true;
      } catch {
        return false;
      }
    })().finally(() => (this.restoring = null));
    return this.restoring;
  }

  login(username: string, password: string): Observable<LoginResponseDto> {
    return this.http.post<LoginResponseDto>(`${API}/auth/login`, { username, password }).pipe(tap((r) => this.accept(r)));
  }

  startMfaEnrolment(mfaToken: string): Observable<MfaEnrolmentDto> {
    return this.http.post<MfaEnrolmentDto>(`${API}/auth/mfa/enrol`, { mfaToken });
  }

  verifyMfa(mfaToken: string, code: string): Observable<LoginResponseDto> {
    return this.http.post<LoginResponseDto>(`${API}/auth/mfa`, { mfaToken, code }).pipe(tap((r) => this.accept(r)));
  }

  loadMe(): Promise<MeDto> {
    return firstValueFrom(
      this.http.get<MeDto>(`${API}/me`).pipe(
        tap((me) => {
          this.meState.set(me);
          this.ability.update(me);
        }),
      ),
    );
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request
   * (the refresh token rotates, so two requests would end the session). Emits null when it failed.
   */
  refresh(): Observable<string | null> {
    this.refreshing$ ??= this.http.post<LoginResponseDto>(`${API}/auth/refresh`, {}).pipe(
      map((r) => {
        this.accept(r);
        return r.accessToken ?? null;
      }),
      catchError(() => of(null)),
      finalize(() => (this.refreshing$ = null)),
      share(),
    );
    return this.refreshing$;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${API}/auth/logout`, {}));
    } catch {
      // Signed out locally whatever the server says.
    }
    this.clear();
    await this.router.navigate(['/auth/sign-in'], { queryParams: { reason: 'signed-out' satisfies SignInReason } });
  }

  /** The server no longer accepts this session: forget it and ask the user to sign in again. */
  endSession(): void {
    if (!this.token() && !this.meState()) return;
    const returnUrl = this.router.url.startsWith('/auth/') ? undefined : this.router.url;
    this.clear();
    void this.router.navigate(['/auth/sign-in'], {
      queryParams: { reason: 'session-ended' satisfies SignInReason, returnUrl },
    });
  }

  private accept(response: LoginResponseDto): void {
    if (!response.accessToken) return;
    this.token.set(response.accessToken);
    clearTimeout(this.refreshTimer);
    const seconds = response.expiresIn ?? 0;
    if (seconds > 0) {
      const delay = Math.max(seconds - REFRESH_MARGIN_SECONDS, 5) * 1000;
      this.refreshTimer = setTimeout(() => {
        this.refresh().subscribe((token) => {
          if (!token) this.endSession();
        });
      }, delay);
    }
  }

  private clear(): void {
    clearTimeout(this.refreshTimer);
    this.token.set(null);
    this.meState.set(null);
    this.ability.update(null);
  }
}
