import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { of } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let httpMock: HttpTestingController;
  let auth: { accessToken: jest.Mock; refresh: jest.Mock; endSession: jest.Mock };

  beforeEach(() => {
    auth = { accessToken: jest.fn(() => 'old-token'), refresh: jest.fn(), endSession: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: auth },
        { provide: Router, useValue: { navigate: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpClient);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('adds the bearer token to API calls', () => {
    http.get('/api/v1/me').subscribe();
    const req = httpMock.expectOne('/api/v1/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer old-token');
    req.flush({});
  });

  it('sends no token to the sign-in endpoints and never retries them', () => {
    let failed = false;
    http.post('/api/v1/auth/login', {}).subscribe({ error: () => (failed = true) });
    const req = httpMock.expectOne('/api/v1/auth/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ title: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    expect(failed).toBe(true);
    expect(auth.refresh).not.toHaveBeenCalled();
  });

  it('refreshes once after a 401 and retries the request with the new token', () => {
    auth.refresh.mockReturnValue(of('new-token'));
    let body: unknown;
    http.get('/api/v1/users').subscribe((b) => (body = b));
    httpMock.expectOne('/api/v1/users').flush({}, { status: 401, statusText: 'Unauthorized' });
    const retry = httpMock.expectOne('/api/v1/users');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
    retry.flush({ items: [] });
    expect(body).toEqual({ items: [] });
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(auth.endSession).not.toHaveBeenCalled();
  });

  it('gives up and ends the session when the refresh fails', () => {
    auth.refresh.mockReturnValue(of(null));
    let status = 0;
    http.get('/api/v1/users').subscribe({ error: (e: { status: number }) => (status = e.status) });
    httpMock.expectOne('/api/v1/users').flush({}, { status: 401, statusText: 'Unauthorized' });
    httpMock.expectNone('/api/v1/users');
    expect(status).toBe(401);
    expect(auth.endSession).toHaveBeenCalledTimes(1);
  });

  it('does not loop: a second 401 after the retry ends the session', () => {
    auth.refresh.mockReturnValue(of('new-token'));
    let failed = false;
    http.get('/api/v1/users').subscribe({ error: () => (failed = true) });
    httpMock.expectOne('/api/v1/users').flush({}, { status: 401, statusText: 'Unauthorized' });
    httpMock.expectOne('/api/v1/users').flush({}, { status: 401, statusText: 'Unauthorized' });
    httpMock.expectNone('/api/v1/users');
    expect(failed).toBe(true);
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(auth.endSession).toHaveBeenCalledTimes(1);
  });

  it('sends the user to change their password on PASSWORD_CHANGE_REQUIRED', () => {
    const router = TestBed.inject(Router) as unknown as { navigate: jest.Mock };
    http.get('/api/v1/users').subscribe({ error: () => undefined });
    httpMock.expectOne('/api/v1/users').flush({ code: 'PASSWORD_CHANGE_REQUIRED' }, { status: 403, statusText: 'Forbidden' });
    expect(router.navigate).toHaveBeenCalledWith(['/auth/change-password']);
  });
});
