import type { EntityManager } from 'typeorm';
import type { DemoContext, DemoSeed } from '../database/seed/demo-seed';
import { shanghaiDate } from '../statistics/statistics-period';
import { CampaignEntity } from './campaign.entity';

const DAY_MS = 86_400_000;

/**
 * The Taihe 2026 crackdown: the last four months and the coming one, over Taihe county. Runs before
 * the rescues and sightings seeds, so their records inside it are tagged by the database as they are
 * written; files seeded earlier are tagged when the campaign is created.
 */
export const campaignsDemoSeed: DemoSeed = async (manager: EntityManager, demo: DemoContext) => {
  const taihe = demo.jurisdictions['341222'];
  const now = Date.now();
  const campaign = await manager.save(
    manager.create(CampaignEntity, {
      name: '太和县2026打拐专项行动',
      goals:
        '解救被拐卖、被组织乞讨的儿童，打击拐卖犯罪团伙；为每名被解救儿童采集DNA并比对，帮助其回归家庭，并完成一年的回访。\n' +
        'Rescue children trafficked or forced to beg, break up the gangs behind them; sample and compare the DNA of every rescued child, return them to their families and follow up for a year.',
      jurisdictionId: taihe.id,
      jurisdictionPath: taihe.path,
      startsOn: shanghaiDate(new Date(now - 120 * DAY_MS)),
      endsOn: shanghaiDate(new Date(now + 30 * DAY_MS)),
      createdBy: demo.users['supervisor'].id,
      createdAt: new Date(now - 120 * DAY_MS),
      updatedAt: new Date(now - 120 * DAY_MS),
      version: 1,
    }),
  );
  await manager.query(`SELECT campaign_retag($1)`, [campaign.id]);
};
