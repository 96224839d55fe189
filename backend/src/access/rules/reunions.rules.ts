import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * Family reunions and their follow-up visits (issue 5 §2).
 *
 * - Officers and supervisors: log, read and follow up reunions of files in their jurisdiction subtree
 *   (`jurisdictionPath` is the file's). Supervisors also sign off (`verify`) a reunion whose evidence is
 *   not a DNA match; the service requires a different person than the one who logged it.
 * - NGO caseworkers: log, read and follow up reunions of children placed with their organisation
 *   (`organisationId` is the child's placement). They never see DNA data: the evidence of a DNA match
 *   is shown as "confirmed DNA match" and its date, nothing else.
 * - Lab technicians and admins: none.
 */
export const reunionRules: RuleSet = ({ can }, actor) => {
  switch (actor.role) {
    case 'supervisor':
      can(['create', 'read', 'update', 'verify'], 'Reunion', { jurisdictionPath: inSubtreeOf(actor) });
      break;
    case 'officer':
      can(['create', 'read', 'update'], 'Reunion', { jurisdictionPath: inSubtreeOf(actor) });
      break;
    case 'ngo_caseworker':
      can(['create', 'read', 'update'], 'Reunion', { organisationId: actor.organisationId });
      break;
    default:
      break;
  }
};
