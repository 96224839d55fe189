import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../access/actor';
import type { AttachmentOwner, AttachmentOwnerResolver } from '../attachments/attachment-owner';
import { AttachmentsService } from '../attachments/attachments.service';
import { caseRecord, caseViewFor, CasesService } from './cases.service';

/**
 * Photos of a file: seen by whoever sees the file's child (full or reduced view — an NGO caseworker
 * of a shared file sees them, a DNA technician does not), added and removed by whoever may update it.
 */
@Injectable()
export class CasesAttachmentOwner implements AttachmentOwnerResolver, OnModuleInit {
  readonly entityType = 'case' as const;

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly cases: CasesService,
  ) {}

  onModuleInit(): void {
    this.attachments.registerOwner(this);
  }

  async resolve(access: AccessContext, entityId: string, need: 'read' | 'update', manager?: EntityManager): Promise<AttachmentOwner | null> {
    const c = await this.cases.loadForSystem(entityId, manager);
    if (!c) return null;
    const allowed = need === 'update' ? access.ability.can('update', caseRecord(c)) : ['full', 'reduced'].includes(caseViewFor(access.ability, c) ?? '');
    return allowed ? { jurisdictionPath: c.jurisdictionPath, label: c.caseNumber } : null;
  }

  async onAdded(access: AccessContext, entityId: string, attachmentId: string, manager: EntityManager): Promise<void> {
    await this.cases.appendEvent(entityId, 'photo_added', access, { attachmentId }, manager);
  }

  async onRemoved(access: AccessContext, entityId: string, attachmentId: string, manager: EntityManager): Promise<void> {
    await this.cases.appendEvent(entityId, 'photo_removed', access, { attachmentId }, manager);
  }
}
