import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API, queryParams } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';

export type UserRole = Schemas['UserDto']['role'];
export type UserStatus = Schemas['UserDto']['status'];
export const USER_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'];
export const USER_STATUSES: readonly UserStatus[] = ['active', 'locked', 'disabled'];

export interface UserQuery {
  q?: string;
  role?: UserRole;
  status?: UserStatus;
  organisationId?: string;
  jurisdictionCode?: string;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: UserQuery) {
    return this.http.get<Schemas['UserPageDto']>(`${API}/users`, { params: queryParams({ ...query }) });
  }

  get(id: string) {
    return this.http.get<Schemas['UserDto']>(`${API}/users/${encodeURIComponent(id)}`);
  }

  create(body: Schemas['CreateUserDto']) {
    return this.http.post<Schemas['UserWithTemporaryPasswordDto']>(`${API}/users`, body);
  }

  update(id: string, body: Schemas['UpdateUserDto']) {
    return this.http.patch<Schemas['UserDto']>(`${API}/users/${encodeURIComponent(id)}`, body);
  }

  unlock(id: string) {
    return this.http.post<Schemas['UserDto']>(`${API}/users/${encodeURIComponent(id)}/unlock`, {});
  }

  resetPassword(id: string) {
    return this.http.post<Schemas['UserWithTemporaryPasswordDto']>(`${API}/users/${encodeURIComponent(id)}/reset-password`, {});
  }
}
