import * as argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../access/permissions';
import { campaignsDemoSeed } from '../../campaigns/campaigns.demo-seed';
import { casesDemoSeed } from '../../cases/cases.demo-seed';
import { dnaDemoSeed } from '../../dna/dna.demo-seed';
import { rescuesDemoSeed } from '../../rescues/rescues.demo-seed';
import { reunionsDemoSeed } from '../../reunions/reunions.demo-seed';
import { sightingsDemoSeed } from '../../sightings/sightings.demo-seed';
import { JurisdictionEntity } from '../../jurisdictions/jurisdiction.entity';
import { OrganisationEntity, type OrganisationKind } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';

/** Published in the README and printed at start: for demonstrations only. */
export const DEMO_PASSWORD = 'homeward-demo-2026';

interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  jurisdictionCode: string;
}

const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'ministry', name: '公安部刑事侦查局打拐办 (Ministry anti-trafficking office)', kind: 'government', jurisdictionCode: 'CN' },
  { key: 'taihe-police', name: '太和县公安局 (Taihe County Public Security Bureau)', kind: 'police', jurisdictionCode: '341222' },
  { key: 'taihe-ngo', name: '太和县儿童之家 (Taihe Children’s Home)', kind: 'ngo', jurisdictionCode: '341222' },
  { key: 'taihe-lab', name: '太和县公安局物证鉴定室 (Taihe Forensic DNA Laboratory)', kind: 'lab', jurisdictionCode: '341222' },
  { key: 'pudong-police', name: '上海市公安局浦东分局 (Pudong Public Security Sub-bureau)', kind: 'police', jurisdictionCode: '310115' },
];

export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  organisation: string;
  jurisdictionCode: string;
  description: string;
}[] = [
  { username: 'admin', displayName: '系统管理员 Admin', role: 'admin', organisation: 'ministry', jurisdictionCode: 'CN', description: 'administrator, national' },
  { username: 'supervisor', displayName: '王警督 Wang (supervisor)', role: 'supervisor', organisation: 'taihe-police', jurisdictionCode: '341222', description: 'police supervisor, Taihe' },
  { username: 'officer', displayName: '李警官 Li (officer)', role: 'officer', organisation: 'taihe-police', jurisdictionCode: '341222', description: 'police officer, Taihe' },
  { username: 'lab', displayName: '陈技师 Chen (lab)', role: 'lab_technician', organisation: 'taihe-lab', jurisdictionCode: '341222', description: 'DNA lab technician, Taihe' },
  { username: 'ngo', displayName: '张社工 Zhang (NGO)', role: 'ngo_caseworker', organisation: 'taihe-ngo', jurisdictionCode: '341222', description: 'NGO caseworker, Taihe' },
  { username: 'officer.pudong', displayName: '周警官 Zhou (Pudong officer)', role: 'officer', organisation: 'pudong-police', jurisdictionCode: '310115', description: 'police officer, Pudong (another scope)' },
];

/** What later seeds need to know about the foundation's demo records. */
export interface DemoContext {
  organisations: Record<string, OrganisationEntity>;
  users: Record<string, UserEntity>;
  jurisdictions: Record<string, JurisdictionEntity>;
}

/** A feature's demo records, added after the foundation's (files, sightings, DNA, rescues …). */
export type DemoSeed = (manager: EntityManager, demo: DemoContext) => Promise<void>;

/** Feature seeds in the order they run; each feature appends its own. */
export const FEATURE_DEMO_SEEDS: DemoSeed[] = [casesDemoSeed, dnaDemoSeed, campaignsDemoSeed, rescuesDemoSeed, reunionsDemoSeed, sightingsDemoSeed];

/**
 * Fills an empty database with the demo organisations, users and (unless `features` is false) feature
 * records. Returns false (and changes nothing) when the database already has users, so a restart keeps every change.
 */
export async function seedDemoData(dataSource: DataSource, options: { features?: boolean } = {}): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent first starts of several replicas.
    await manager.query('SELECT pg_advisory_xact_lock(7341222)');
    if ((await manager.count(UserEntity)) > 0) return false;
    const jurisdictions = Object.fromEntries((await manager.find(JurisdictionEntity)).map((j) => [j.code, j]));
    const organisations: Record<string, OrganisationEntity> = {};
    for (const o of DEMO_ORGANISATIONS) {
      organisations[o.key] = await manager.save(
        manager.create(OrganisationEntity, { name: o.name, kind: o.kind, jurisdictionId: jurisdictions[o.jurisdictionCode].id }),
      );
    }
    const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const users: Record<string, UserEntity> = {};
    for (const a of DEMO_ACCOUNTS) {
      users[a.username] = await manager.save(
        manager.create(UserEntity, {
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          organisationId: organisations[a.organisation].id,
          jurisdictionId: jurisdictions[a.jurisdictionCode].id,
          passwordHash,
          mfaExempt: true,
        }),
      );
    }
    const demo: DemoContext = { organisations, users, jurisdictions };
    if (options.features ?? true) for (const seed of FEATURE_DEMO_SEEDS) await seed(manager, demo);
    return true;
  });
}
