import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * DNA samples, STR profiles, frequency tables, the kinship calculator and kinship matches (issue 4 §7).
 *
 * - Lab technicians: register samples and custody events, import and read raw profiles (alleles) and
 *   donor identities (`read DnaProfile` is the one permission for genetic and identity data), import
 *   frequency tables, use the calculator, propose matches — for samples and matches in their subtree.
 *   A match is in scope through its file (reference side) or through the child's sample.
 * - Supervisors: read sample metadata and custody (no identity, no alleles) and match results with
 *   LRs for files in their subtree; confirm or reject proposed matches (a different person than the
 *   proposer, enforced by the service). They have no calculator: it takes raw genotypes, which they
 *   never handle.
 * - Officers: the same reading as supervisors, no decisions.
 * - NGO caseworkers and admins: no DNA at all.
 */
export const dnaRules: RuleSet = ({ can }, actor) => {
  const scope = { jurisdictionPath: inSubtreeOf(actor) };
  switch (actor.role) {
    case 'lab_technician':
      can(['create', 'read', 'update'], 'DnaSample', scope);
      can(['create', 'read'], 'DnaProfile', scope);
      can(['create', 'read', 'update'], 'FrequencyTable');
      can('create', 'KinshipCalculation');
      can(['read', 'propose'], 'KinshipMatch', scope);
      can(['read', 'propose'], 'KinshipMatch', {
        childJurisdictionPath: inSubtreeOf(actor),
      });
      break;
    case 'supervisor':
      can('read', 'DnaSample', scope);
      can('read', 'FrequencyTable');
      can(['read', 'confirm'], 'KinshipMatch', scope);
      break;
    case 'officer':
      can('read', 'DnaSample', scope);
      can('read', 'FrequencyTable');
      can('read', 'KinshipMatch', scope);
      break;
    default:
      break;
  }
};
