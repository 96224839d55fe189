import type { MongoAbility, MongoQuery } from '@casl/ability';

export const ROLES = ['admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'] as const;
export type Role = (typeof ROLES)[number];

/** What a user can do. `manage` means every action. */
export type Action =
  | 'manage'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'unlock'
  | 'reset_password'
  | 'verify'
  | 'assign'
  | 'share'
  | 'triage'
  | 'propose'
  | 'confirm'
  | 'export';

/** The record families that rules speak about (names shared with the dashboard through /me). */
export type Subject =
  | 'all'
  | 'User'
  | 'Organisation'
  | 'Jurisdiction'
  | 'AuditEvent'
  | 'Case'
  | 'Sighting'
  | 'Attachment'
  | 'Notification'
  | 'DnaSample'
  | 'DnaProfile'
  | 'FrequencyTable'
  | 'KinshipCalculation'
  | 'KinshipMatch'
  | 'Rescue'
  | 'RescuedChild'
  | 'Reunion'
  | 'Campaign'
  | 'Statistics'
  | 'Report'
  | 'Export';

export type AppAbility = MongoAbility<[Action, Subject | ScopedRecord], MongoQuery>;

/** A record as the rules see it: a subject name plus the fields that conditions look at. */
export interface ScopedRecord {
  __caslSubjectType__: Subject;
  [field: string]: unknown;
}
