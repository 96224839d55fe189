import type { EntityManager } from 'typeorm';
import type { AccessContext } from '../access/actor';
import type { AttachmentEntityType } from './attachment.entity';

/** What a photo's owning record tells the photo routes. */
export interface AttachmentOwner {
  /** The record's jurisdiction path, for the audit log. */
  jurisdictionPath: string;
  /** A short label for audit details, e.g. the case number. */
  label?: string;
}

/**
 * Each feature whose records carry photos (cases, sightings, rescued children) registers one of
 * these with AttachmentsService.registerOwner() at module init. It answers with the record when
 * the caller may `read` it (to see its photos) or `update` it (to add or remove photos), and with
 * null otherwise — null is answered as 404, exactly as for a record that does not exist.
 */
export interface AttachmentOwnerResolver {
  entityType: AttachmentEntityType;
  resolve(access: AccessContext, entityId: string, need: 'read' | 'update', manager?: EntityManager): Promise<AttachmentOwner | null>;
  /** Called inside the upload's transaction, e.g. to append to the record's timeline. */
  onAdded?(access: AccessContext, entityId: string, attachmentId: string, manager: EntityManager): Promise<void>;
  onRemoved?(access: AccessContext, entityId: string, attachmentId: string, manager: EntityManager): Promise<void>;
}
