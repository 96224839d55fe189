import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccessContext } from '../access/actor';
import type { AttachmentOwner, AttachmentOwnerResolver } from '../attachments/attachment-owner';
import { AttachmentsService } from '../attachments/attachments.service';
import { RescuedChildEntity } from './rescued-child.entity';
import { childReference, rescuedChildRecord } from './rescued-children.service';

/**
 * Photos of a rescued child (for families to recognise them): seen by whoever may read the child's
 * photos (police, the NGO caring for the child), added and removed by the police holding the child.
 */
@Injectable()
export class RescuedChildrenAttachmentOwner implements AttachmentOwnerResolver, OnModuleInit {
  readonly entityType = 'rescued_child' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.attachments.registerOwner(this);
  }

  async resolve(access: AccessContext, entityId: string, need: 'read' | 'update', manager: EntityManager = this.dataSource.manager): Promise<AttachmentOwner | null> {
    const child = await manager.findOneBy(RescuedChildEntity, { id: entityId });
    if (!child || !access.ability.can(need, rescuedChildRecord(child), 'photos')) return null;
    return { jurisdictionPath: child.jurisdictionPath, label: childReference(child) };
  }
}
