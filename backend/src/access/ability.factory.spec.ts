import { createMongoAbility } from '@casl/ability';
import { unpackRules } from '@casl/ability/extra';
import { AbilityFactory, record } from './ability.factory';
import type { Actor } from './actor';
import type { AppAbility, Role, Subject } from './permissions';

const TAIHE = 'CN/340000/341200/341222/';
const PUDONG = 'CN/310000/310115/';

function actor(role: Role, jurisdictionPath = TAIHE, id = `${role}-id`): Actor {
  return {
    id,
    username: role,
    displayName: role,
    role,
    organisationId: 'org-id',
    organisationKind: role === 'lab_technician' ? 'lab' : role === 'ngo_caseworker' ? 'ngo' : 'police',
    jurisdictionId: 'jurisdiction-id',
    jurisdictionCode: jurisdictionPath.split('/').at(-2)!,
    jurisdictionPath,
    sessionId: 'session-id',
    mustChangePassword: false,
  };
}

const user = (fields: { id?: string; jurisdictionPath: string }) => record('User', { id: 'someone-else', ...fields });
const auditEvent = (jurisdictionPath: string | null) => record('AuditEvent', { jurisdictionPath });

/** Every record family that holds the content of a case file. */
const CASE_CONTENT: Subject[] = [
  'Case', 'Sighting', 'Attachment', 'DnaSample', 'DnaProfile', 'KinshipCalculation', 'KinshipMatch', 'Rescue', 'RescuedChild', 'Reunion',
];

describe('AbilityFactory', () => {
  const factory = new AbilityFactory();

  describe('admin', () => {
    const ability = factory.createFor(actor('admin', 'CN/'));

    it('administers users, organisations, jurisdictions and the audit log', () => {
      for (const action of ['create', 'read', 'update', 'unlock', 'reset_password'] as const) {
        expect(ability.can(action, 'User')).toBe(true);
        expect(ability.can(action, user({ jurisdictionPath: PUDONG }))).toBe(true);
      }
      expect(ability.can('create', 'Organisation')).toBe(true);
      expect(ability.can('update', 'Jurisdiction')).toBe(true);
      expect(ability.can('read', auditEvent(PUDONG))).toBe(true);
      expect(ability.can('read', auditEvent(null))).toBe(true);
      expect(ability.can('verify', 'AuditEvent')).toBe(true);
    });

    it('does not see case content, and has no blanket permission', () => {
      for (const subject of CASE_CONTENT) {
        expect(ability.can('read', subject)).toBe(false);
        expect(ability.can('create', subject)).toBe(false);
      }
      expect(ability.can('manage', 'all')).toBe(false);
      expect(ability.can('delete', 'User')).toBe(false);
      expect(ability.can('delete', 'AuditEvent')).toBe(false);
      expect(ability.can('update', 'AuditEvent')).toBe(false);
    });
  });

  describe('supervisor', () => {
    const me = actor('supervisor');
    const ability = factory.createFor(me);

    it('reads users in their jurisdiction and below, not outside it', () => {
      expect(ability.can('read', user({ jurisdictionPath: TAIHE }))).toBe(true);
      expect(ability.can('read', user({ jurisdictionPath: `${TAIHE}34122201/` }))).toBe(true);
      expect(ability.can('read', user({ jurisdictionPath: PUDONG }))).toBe(false);
      // The parent prefecture and a sibling county are outside.
      expect(ability.can('read', user({ jurisdictionPath: 'CN/340000/341200/' }))).toBe(false);
      expect(ability.can('read', user({ jurisdictionPath: 'CN/340000/341200/341221/' }))).toBe(false);
      // A code that merely starts with the same digits is another jurisdiction.
      expect(ability.can('read', user({ jurisdictionPath: 'CN/340000/341200/3412229/' }))).toBe(false);
    });

    it('reads audit events of their subtree only, and may verify the chain', () => {
      expect(ability.can('read', auditEvent(TAIHE))).toBe(true);
      expect(ability.can('read', auditEvent(PUDONG))).toBe(false);
      expect(ability.can('read', auditEvent(null))).toBe(false);
      expect(ability.can('verify', 'AuditEvent')).toBe(true);
    });

    it('cannot administer users', () => {
      for (const action of ['create', 'update', 'unlock', 'reset_password'] as const) {
        expect(ability.can(action, 'User')).toBe(false);
        expect(ability.can(action, user({ jurisdictionPath: TAIHE }))).toBe(false);
      }
      expect(ability.can('create', 'Organisation')).toBe(false);
      expect(ability.can('create', 'Jurisdiction')).toBe(false);
    });

    it('uses the actor’s own jurisdiction, not a fixed one', () => {
      const pudongSupervisor = factory.createFor(actor('supervisor', PUDONG));
      expect(pudongSupervisor.can('read', user({ jurisdictionPath: PUDONG }))).toBe(true);
      expect(pudongSupervisor.can('read', user({ jurisdictionPath: TAIHE }))).toBe(false);
    });
  });

  describe.each(['officer', 'lab_technician', 'ngo_caseworker'] as const)('%s', (role) => {
    const me = actor(role);
    const ability = factory.createFor(me);

    it('reads only their own user record', () => {
      expect(ability.can('read', 'User')).toBe(true); // conditionally
      expect(ability.can('read', user({ id: me.id, jurisdictionPath: TAIHE }))).toBe(true);
      expect(ability.can('read', user({ jurisdictionPath: TAIHE }))).toBe(false);
      expect(ability.can('update', user({ id: me.id, jurisdictionPath: TAIHE }))).toBe(false);
    });

    it('reads reference data but not the audit log', () => {
      expect(ability.can('read', 'Jurisdiction')).toBe(true);
      expect(ability.can('read', 'Organisation')).toBe(true);
      expect(ability.can('update', 'Organisation')).toBe(false);
      expect(ability.can('read', 'AuditEvent')).toBe(false);
      expect(ability.can('verify', 'AuditEvent')).toBe(false);
    });
  });

  it('packs the same rules for the dashboard', () => {
    const me = actor('supervisor');
    const packed = factory.packedRulesFor(me);
    const unpacked = createMongoAbility<AppAbility>(unpackRules(packed as Parameters<typeof unpackRules>[0]) as AppAbility['rules']);
    const original = factory.createFor(me);
    const probes = [
      ['read', user({ jurisdictionPath: TAIHE })],
      ['read', user({ jurisdictionPath: PUDONG })],
      ['read', auditEvent(TAIHE)],
      ['read', auditEvent(PUDONG)],
      ['create', 'User'],
      ['read', 'Case'],
    ] as const;
    for (const [action, subject] of probes) {
      expect(unpacked.can(action, subject)).toBe(original.can(action, subject));
    }
    expect(unpacked.can('read', user({ jurisdictionPath: TAIHE }))).toBe(true);
  });
});
