import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * Which fields of a file each view shows. The full view is the whole file; the others are granted
 * as CASL field rules, so the dashboard (through /me) and the server agree on what is visible.
 */
export const CASE_REDUCED_FIELDS = [
  'id',
  'caseNumber',
  'child',
  'lastSeen',
  'circumstances',
  'priority',
  'status',
  'jurisdictionPath',
  'photos',
] as const;
/** A DNA laboratory needs to know whose sample it holds, nothing more. */
export const CASE_MINIMAL_FIELDS = ['id', 'caseNumber', 'childName', 'childSex', 'childAge', 'jurisdictionPath'] as const;

/**
 * Missing-child files and their photos.
 *
 * - Officers and supervisors: read, create and update files in their jurisdiction subtree.
 *   Supervisors also assign them and share them with an NGO.
 * - NGO caseworkers: a reduced view (no reporter, family contacts, DNA or timeline — the timeline holds
 *   police work and audit entries) of files shared with their organisation while the sharing lasts
 *   (`sharedUntil` later than the time the abilities are built).
 * - Lab technicians: number, child's name, sex and age, and jurisdiction of files in their subtree,
 *   to label samples; no photos, places or family.
 * - Admins: no case content.
 *
 * Photos (Attachment) follow the record they belong to: reading a photo needs `read` on the record,
 * adding or removing one needs `update` on it. The Attachment rules below only say which roles may
 * use the photo routes at all.
 */
export const casesRules: RuleSet = ({ can }, actor, now) => {
  switch (actor.role) {
    case 'supervisor':
      can(['read', 'create', 'update', 'assign', 'share'], 'Case', { jurisdictionPath: inSubtreeOf(actor) });
      can(['read', 'create', 'delete'], 'Attachment');
      break;
    case 'officer':
      can(['read', 'create', 'update'], 'Case', { jurisdictionPath: inSubtreeOf(actor) });
      can(['read', 'create', 'delete'], 'Attachment');
      break;
    case 'ngo_caseworker':
      can('read', 'Case', [...CASE_REDUCED_FIELDS], {
        sharedWithOrganisationId: actor.organisationId,
        sharedUntil: { $gt: now.toISOString() },
      });
      can('read', 'Attachment');
      break;
    case 'lab_technician':
      can('read', 'Case', [...CASE_MINIMAL_FIELDS], { jurisdictionPath: inSubtreeOf(actor) });
      break;
    default:
      break;
  }
};
