import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/** Users, organisations, jurisdictions and the audit log. */
export const administrationRules: RuleSet = ({ can }, actor) => {
  can('read', 'Jurisdiction');
  can('read', 'Organisation');
  can('read', 'User', { id: actor.id });

  switch (actor.role) {
    case 'admin':
      can(['create', 'read', 'update', 'unlock', 'reset_password'], 'User');
      can(['create', 'update'], 'Organisation');
      can(['create', 'update'], 'Jurisdiction');
      can(['read', 'verify'], 'AuditEvent');
      break;
    case 'supervisor':
      // To assign files to officers and to follow up their work.
      can('read', 'User', { jurisdictionPath: inSubtreeOf(actor) });
      can('read', 'AuditEvent', { jurisdictionPath: inSubtreeOf(actor) });
      can('verify', 'AuditEvent');
      break;
    default:
      break;
  }
};
