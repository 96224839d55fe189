import type { AccessCheck } from '@hw/core/access/permissions';
import type { MeDto } from '@hw/core/api/api';
import { dashboardSection } from './dashboard-sections';
import type { Role } from './dashboard-sections';

/** An ability that allows exactly the listed `action Subject` pairs. */
const allowing =
  (...granted: string[]) =>
  (check: AccessCheck) =>
    granted.includes(check.can.join(' '));

describe('dashboardSection', () => {
  it.each<[Role, string, string]>([
    ['officer', 'read Case', 'officer'],
    ['supervisor', 'read Statistics', 'supervisor'],
    ['ngo_caseworker', 'read RescuedChild', 'ngo'],
    ['lab_technician', 'read DnaSample', 'lab'],
    ['admin', 'read User', 'admin'],
  ])('gives a %s with "%s" the %s dashboard', (role, granted, section) => {
    expect(dashboardSection(role, allowing(granted))).toBe(section);
  });

  it('follows the role, not the widest ability: a supervisor who can also read samples gets the supervisor dashboard', () => {
    expect(
      dashboardSection(
        'supervisor',
        allowing('read Statistics', 'read DnaSample', 'read Case'),
      ),
    ).toBe('supervisor');
  });

  it('shows no dashboard when the rules do not let the role open what it would show', () => {
    expect(
      dashboardSection('lab_technician', allowing('read Case')),
    ).toBeNull();
    expect(dashboardSection('ngo_caseworker', allowing())).toBeNull();
  });

  it("checks an administrator's right on another person's account in their own jurisdiction", () => {
    const seen: AccessCheck[] = [];
    dashboardSection('admin', (check) => {
      seen.push(check);
      return true;
    });
    const me = { jurisdiction: { path: '34/3412/' } } as MeDto;
    expect(seen[0].where?.(me)).toEqual({
      id: '',
      jurisdictionPath: '34/3412/',
    });
  });
});
