import type { components } from './api-types';

/** Aliases for the generated OpenAPI schemas (`api-types.ts` is generated: never edit it). */
export type Schemas = components['schemas'];
export type MeDto = Schemas['MeDto'];
export type UserDto = Schemas['UserDto'];
export type LoginResponseDto = Schemas['LoginResponseDto'];
export type MfaEnrolmentDto = Schemas['MfaEnrolmentDto'];

/** Every API path starts here (same origin as the dashboard). */
export const API = '/api/v1';

/** A page of a paginated list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Drops empty values so that they are not sent as `?q=`. */
export function queryParams(values: Record<string, string | number | null | undefined>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') params[key] = String(value);
  }
  return params;
}
