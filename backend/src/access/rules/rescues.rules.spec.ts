import { AbilityFactory, record } from '../ability.factory';
import type { Actor } from '../actor';
import type { Role } from '../permissions';
import { scopeCondition } from '../scope-query';

const TAIHE = 'CN/340000/341200/341222/';
const PUDONG = 'CN/310000/310115/';

function actor(role: Role, organisationId = 'org-taihe'): Actor {
  return {
    id: `${role}-id`,
    username: role,
    displayName: role,
    role,
    organisationId,
    organisationKind: role === 'ngo_caseworker' ? 'ngo' : 'police',
    jurisdictionId: 'taihe',
    jurisdictionCode: '341222',
    jurisdictionPath: TAIHE,
    sessionId: 'session',
    mustChangePassword: false,
  };
}

const child = (jurisdictionPath: string, placementOrganisationId: string | null) => record('RescuedChild', { jurisdictionPath, placementOrganisationId });

describe('rescues rules', () => {
  const factory = new AbilityFactory();

  it('lets police act on rescues and children in their subtree only, including placement and the DNA sample', () => {
    for (const role of ['officer', 'supervisor'] as const) {
      const ability = factory.createFor(actor(role));
      expect(ability.can('update', record('Rescue', { jurisdictionPath: TAIHE }))).toBe(true);
      expect(ability.can('read', record('Rescue', { jurisdictionPath: PUDONG }))).toBe(false);
      expect(ability.can('update', child(TAIHE, null), 'placement')).toBe(true);
      expect(ability.can('update', child(TAIHE, null), 'dnaSample')).toBe(true);
      expect(ability.can('read', child(PUDONG, null))).toBe(false);
    }
  });

  it('shows an NGO only the children placed with it, without DNA, and lets it change the care fields only', () => {
    const ability = factory.createFor(actor('ngo_caseworker', 'org-ngo'));
    const ours = child(PUDONG, 'org-ngo');
    expect(ability.can('read', ours)).toBe(true);
    expect(ability.can('read', ours, 'condition')).toBe(true);
    expect(ability.can('read', ours, 'dnaSamples')).toBe(false);
    expect(ability.can('update', ours, 'condition')).toBe(true);
    expect(ability.can('update', ours, 'placement')).toBe(false);
    expect(ability.can('update', ours, 'dnaSample')).toBe(false);
    expect(ability.can('read', child(TAIHE, 'another-ngo'))).toBe(false);
    expect(ability.can('read', record('Rescue', { jurisdictionPath: TAIHE }))).toBe(false);
    const scope = scopeCondition(ability, 'read', 'RescuedChild', { jurisdictionPath: 'rc.jurisdiction_path', placementOrganisationId: 'rc.placement_organisation_id' });
    expect(scope.sql).toMatch(/^\(\(rc\.placement_organisation_id = :scope_\d+\)\)$/);
    expect(Object.values(scope.params)).toEqual(['org-ngo']);
  });

  it('gives a laboratory the outline of children in its subtree and the DNA sample, nothing else', () => {
    const ability = factory.createFor(actor('lab_technician'));
    expect(ability.can('read', child(TAIHE, null), 'sex')).toBe(true);
    expect(ability.can('read', child(TAIHE, null), 'condition')).toBe(false);
    expect(ability.can('update', child(TAIHE, null), 'dnaSample')).toBe(true);
    expect(ability.can('update', child(TAIHE, null), 'condition')).toBe(false);
    expect(ability.can('read', child(PUDONG, null))).toBe(false);
  });

  it('gives an administrator nothing', () => {
    const ability = factory.createFor(actor('admin'));
    expect(ability.can('read', 'Rescue')).toBe(false);
    expect(ability.can('read', 'RescuedChild')).toBe(false);
  });
});
