import { TestBed } from '@angular/core/testing';
import { createMongoAbility } from '@casl/ability';
import type { MongoAbility } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import { AbilityService, provideAbility } from '@hw/core/access/ability.service';
import type { MeDto } from '@hw/core/api/api';
import { NAVIGATION, visibleNavigation } from './navigation';

type Role = 'admin' | 'supervisor' | 'officer';

/** The same rules as backend/src/access/rules/administration.rules.ts, for one user in Taihe. */
function meFor(role: Role): MeDto {
  const path = 'CN/340000/341200/341222/';
  const rules: { action: string | string[]; subject: string; conditions?: object }[] = [
    { action: 'read', subject: 'Jurisdiction' },
    { action: 'read', subject: 'Organisation' },
    { action: 'read', subject: 'User', conditions: { id: 'me' } },
  ];
  if (role === 'admin') {
    rules.push(
      { action: ['create', 'read', 'update', 'unlock', 'reset_password'], subject: 'User' },
      { action: ['create', 'update'], subject: 'Organisation' },
      { action: ['create', 'update'], subject: 'Jurisdiction' },
      { action: ['read', 'verify'], subject: 'AuditEvent' },
    );
  }
  if (role === 'supervisor') {
    rules.push(
      { action: 'read', subject: 'User', conditions: { jurisdictionPath: { $regex: `^${path}` } } },
      { action: 'read', subject: 'AuditEvent', conditions: { jurisdictionPath: { $regex: `^${path}` } } },
      { action: 'verify', subject: 'AuditEvent' },
    );
  }
  createMongoAbility(rules as never); // the rules must be valid CASL
  return {
    user: { id: 'me', role } as MeDto['user'],
    jurisdiction: { code: '341222', path } as MeDto['jurisdiction'],
    rules: packRules(rules as never) as unknown[][],
  } as MeDto;
}

describe('navigation filtered through the ability', () => {
  let ability: AbilityService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideAbility()] });
    ability = TestBed.inject(AbilityService);
  });

  const visible = () => visibleNavigation(NAVIGATION, (check) => ability.allows(check)).map((e) => e.labelKey);

  it('shows an admin every administration entry', () => {
    ability.update(meFor('admin'));
    expect(visible()).toEqual(['home.nav', 'admin.nav.users', 'admin.nav.organisations', 'admin.nav.jurisdictions', 'admin.nav.audit']);
  });

  it('shows a supervisor the users of their area and the audit log, not organisations or jurisdictions', () => {
    ability.update(meFor('supervisor'));
    expect(visible()).toEqual(['home.nav', 'admin.nav.users', 'admin.nav.audit']);
  });

  it('does not count reading your own user record as access to Users', () => {
    ability.update(meFor('officer'));
    expect(ability.can('read', 'User')).toBe(true);
    expect(visible()).toEqual(['home.nav']);
  });

  it('shows only entries without a permission before /me is loaded, and after sign-out', () => {
    expect(visible()).toEqual(['home.nav']);
    ability.update(meFor('admin'));
    ability.update(null);
    expect(visible()).toEqual(['home.nav']);
  });

  it('feeds the same ability to @casl/angular', () => {
    ability.update(meFor('supervisor'));
    const shared = TestBed.inject(AbilityService)['ability'] as MongoAbility;
    expect(shared.can('verify', 'AuditEvent')).toBe(true);
    expect(shared.can('create', 'Organisation')).toBe(false);
  });
});
