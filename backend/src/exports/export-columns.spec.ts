import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { HttpException } from '@nestjs/common';
import type { AppAbility } from '../access/permissions';
import { assertMayExport, EXPORT_DEFINITIONS, EXPORT_KINDS, exportColumnsFor } from './export-columns';

/** Words that name what no export may hold (reporters, contacts, DNA, notes, free-text circumstances). */
const NEVER = /reporter|contact|phone|idnumber|address|family|allele|locus|notes?$|circumstances|otherVerification|secret|sealed/i;
/** DNA in camelCase keys (case-sensitive: `childName` holds `dNa`). */
const DNA = /^dna|Dna/;

describe('export columns', () => {
  it.each(EXPORT_KINDS)('%s: no column is a reporter, contact, family, DNA or notes field, and every header is translated', (kind) => {
    for (const column of EXPORT_DEFINITIONS[kind].columns) {
      expect(column.key).not.toMatch(NEVER);
      expect(column.key).not.toMatch(DNA);
      expect(column.header['zh-CN']).toBeTruthy();
      expect(column.header.en).toBeTruthy();
    }
  });

  it('keeps role-restricted columns for their roles', () => {
    expect(exportColumnsFor('cases', 'supervisor').map((c) => c.key)).toContain('assignedOfficer');
    expect(exportColumnsFor('cases', 'officer').map((c) => c.key)).not.toContain('assignedOfficer');
  });

  it('refuses a kind whose records the role cannot read, with a 403 problem', () => {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can('export', 'Export');
    can('read', 'Case');
    const ability = build();
    expect(() => assertMayExport(ability, 'cases')).not.toThrow();
    let refused: unknown;
    try {
      assertMayExport(ability, 'sightings');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(403);
    expect((refused as HttpException).getResponse()).toMatchObject({ code: 'EXPORT_KIND_NOT_ALLOWED' });
  });

  it('refuses without the export permission even when the records can be read', () => {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can('read', 'Case');
    expect(() => assertMayExport(build(), 'cases')).toThrow(HttpException);
  });
});
