import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/** What an NGO caseworker sees of a child placed with their organisation: no police data, no DNA. */
export const RESCUED_CHILD_CARE_VIEW_FIELDS = [
  'id',
  'rescue',
  'case',
  'name',
  'sex',
  'estimatedAgeYears',
  'condition',
  'injuriesOrDisabilities',
  'dialect',
  'status',
  'placement',
  'photos',
] as const;
/** The care record an NGO keeps up to date for a child in its care. */
export const RESCUED_CHILD_CARE_FIELDS = ['name', 'sex', 'estimatedAgeYears', 'condition', 'injuriesOrDisabilities', 'dialect'] as const;
/** A DNA laboratory labels a child's sample: who the child is in outline, nothing about their care. */
export const RESCUED_CHILD_LAB_FIELDS = ['id', 'rescue', 'sex', 'estimatedAgeYears', 'dnaSamples'] as const;

/**
 * Rescue operations and the children recovered in them (issue 5 §1).
 *
 * - Officers and supervisors: create, read and update rescues and rescued children in their
 *   jurisdiction subtree — including the placement and starting a child's DNA sample (`dnaSample`).
 * - NGO caseworkers: the children placed with their organisation (`placementOrganisationId`), in the care
 *   view (no rescue notes, agencies or DNA), and they update the care fields; no rescues at all.
 * - Lab technicians: an outline of the children in their subtree and starting a child's DNA sample.
 * - Admins: nothing.
 */
export const rescuesRules: RuleSet = ({ can }, actor) => {
  const scope = { jurisdictionPath: inSubtreeOf(actor) };
  switch (actor.role) {
    case 'supervisor':
    case 'officer':
      can(['read', 'create', 'update'], 'Rescue', scope);
      can(['read', 'create', 'update'], 'RescuedChild', scope);
      break;
    case 'ngo_caseworker': {
      const placedWithUs = { placementOrganisationId: actor.organisationId };
      can('read', 'RescuedChild', [...RESCUED_CHILD_CARE_VIEW_FIELDS], placedWithUs);
      can('update', 'RescuedChild', [...RESCUED_CHILD_CARE_FIELDS], placedWithUs);
      break;
    }
    case 'lab_technician':
      can('read', 'RescuedChild', [...RESCUED_CHILD_LAB_FIELDS], scope);
      can('update', 'RescuedChild', ['dnaSample'], scope);
      break;
    default:
      break;
  }
};
