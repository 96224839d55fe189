import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/actor';
import { CasesService } from '../../cases/cases.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { RescuedChildrenService } from '../../rescues/rescued-children.service';
import { findCase } from '../case-link';
import type { KinshipMatchEntity } from './kinship-match.entity';

/**
 * What a confirmed match does outside the DNA module, inside the confirming transaction: the file moves
 * to `located` through the files module's state machine (with a timeline event), and the file's
 * officer is notified. Both services are looked up in the running application, so the DNA module
 * does not import their modules (and works, without these effects, in an app that lacks them).
 */
@Injectable()
export class MatchConfirmationEffects {
  private readonly logger = new Logger('DnaMatches');

  constructor(private readonly moduleRef: ModuleRef) {}

  private optional<T>(type: new (...args: never[]) => T): T | null {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return null;
    }
  }

  async onConfirmed(
    access: AccessContext,
    match: KinshipMatchEntity,
    manager: EntityManager,
  ): Promise<void> {
    if (!match.caseId) return;
    const cases = this.optional(CasesService);
    const details = {
      matchId: match.id,
      childSampleId: match.childSampleId,
      relationship: match.relationship,
      log10Lr: match.log10Lr,
    };
    if (cases) {
      await cases.advanceStatus(match.caseId, 'located', access, manager, {
        type: 'dna_confirmed',
        details,
      });
      await cases.appendEvent(
        match.caseId,
        'dna_match_confirmed',
        access,
        details,
        manager,
      );
    } else {
      this.logger.warn(
        `Files module not loaded: file ${match.caseId} not moved to located for match ${match.id}`,
      );
    }
    // A rescued child's sample: the child is identified and the NGO caring for them hears of it.
    await this.optional(RescuedChildrenService)?.onDnaMatchConfirmed(access, match, manager);
    const notifications = this.optional(NotificationsService);
    const linked = await findCase(manager, match.caseId);
    if (notifications && linked?.assignedOfficerId) {
      await notifications.notify(
        {
          recipientIds: [linked.assignedOfficerId],
          kind: 'dna_match_confirmed',
          titleKey: 'notifications.dnaMatchConfirmed.title',
          bodyKey: 'notifications.dnaMatchConfirmed.body',
          params: { caseNumber: linked.caseNumber, matchId: match.id },
          link: `/dna/matches/${match.id}`,
          dedupeKey: `dna-match-confirmed:${match.id}`,
        },
        manager,
      );
    }
  }
}
