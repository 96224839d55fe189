import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { AccessContext, SystemContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Problem, RecordNotFound } from '../common/problem';
import type { AttachmentOwner, AttachmentOwnerResolver } from './attachment-owner';
import { AttachmentEntity, type AttachmentEntityType } from './attachment.entity';
import { type AttachmentDto, mapAttachment } from './attachments.dto';
import { processPhoto, type ProcessedPhoto } from './image-processing';
import { storePhoto } from './photo-record';
import { StorageService } from './storage.service';

export { hammingDistance } from './image-processing';

export const MAX_PHOTOS_PER_RECORD = 100;

export interface PhotoRendition {
  data: Buffer;
  contentType: string;
  fileName: string;
}

@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');
  private readonly owners = new Map<AttachmentEntityType, AttachmentOwnerResolver>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Called by each feature whose records carry photos (see AttachmentOwnerResolver). */
  registerOwner(resolver: AttachmentOwnerResolver): void {
    this.owners.set(resolver.entityType, resolver);
  }

  /** An upload by a signed-in user who may update the record. */
  async upload(access: AccessContext, entityType: AttachmentEntityType, entityId: string, file: { buffer: Buffer; originalname?: string } | undefined): Promise<AttachmentDto> {
    if (!file?.buffer?.length) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'Send the photo as a multipart/form-data field named "file".', {
        code: 'FILE_REQUIRED',
        errors: [{ field: 'file', message: 'required' }],
      });
    }
    const resolver = this.resolver(entityType);
    const owner = await resolver.resolve(access, entityId, 'update');
    if (!owner) throw new RecordNotFound(entityType.replace('_', ' '));
    await this.checkRoom(this.dataSource.manager, entityType, entityId);
    const photo = await processPhoto(file.buffer);
    const created = await this.store(access, { entityType, entityId, owner, resolver }, photo, file.originalname ?? null);
    return mapAttachment(created);
  }

  /**
   * Stores photos already checked and processed by `inspect` for a record created in the caller's
   * still open transaction, without an access check: for work done on behalf of someone without an
   * account (a citizen's sighting). The caller has decided that the photos belong to the record.
   * Taking the processed photos means each is decoded and encoded once, not once to inspect it and
   * again to store it. No other transaction sees the record before this one commits, so no concurrent
   * upload can race for its photo limit: the batch is checked against the limit without a lock or a count.
   */
  async ingest(
    context: AccessContext | SystemContext,
    target: { entityType: AttachmentEntityType; entityId: string; jurisdictionPath: string },
    photos: { photo: ProcessedPhoto; fileName: string | null }[],
    manager: EntityManager,
  ): Promise<AttachmentDto[]> {
    if (photos.length > MAX_PHOTOS_PER_RECORD) throw tooManyPhotos();
    const created: AttachmentDto[] = [];
    for (const { photo, fileName } of photos) {
      created.push(mapAttachment(await this.store(context, { ...target, owner: { jurisdictionPath: target.jurisdictionPath }, newRecord: true }, photo, fileName, manager)));
    }
    return created;
  }

  /** Checks and processes a photo without storing it (e.g. to offer its EXIF place and time first); `ingest` stores it. */
  inspect(data: Buffer): Promise<ProcessedPhoto> {
    return processPhoto(data);
  }

  async list(access: AccessContext, entityType: AttachmentEntityType, entityId: string): Promise<AttachmentDto[]> {
    const owner = await this.resolver(entityType).resolve(access, entityId, 'read');
    if (!owner) throw new RecordNotFound(entityType.replace('_', ' '));
    return (await this.listForSystem(entityType, [entityId])).map(mapAttachment);
  }

  /** Photos of records, without access checks: for matching (perceptual hashes) and other background work. */
  listForSystem(entityType: AttachmentEntityType, entityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<AttachmentEntity[]> {
    if (!entityIds.length) return Promise.resolve([]);
    return manager.find(AttachmentEntity, {
      where: { entityType, entityId: In(entityIds), deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** A stored rendition, for a caller who may read the record; audited. */
  async rendition(access: AccessContext, id: string, which: 'display' | 'thumbnail'): Promise<PhotoRendition> {
    const attachment = await this.dataSource.getRepository(AttachmentEntity).findOne({
      where: { id, deletedAt: IsNull() },
      select: { id: true, entityType: true, entityId: true, displayKey: true, displayType: true, thumbnailKey: true, thumbnailType: true },
    });
    if (!attachment) throw new RecordNotFound('attachment');
    const owner = await this.owners.get(attachment.entityType)?.resolve(access, attachment.entityId, 'read');
    if (!owner) throw new RecordNotFound('attachment');
    const data = await this.storage.get(which === 'display' ? attachment.displayKey : attachment.thumbnailKey);
    if (!data) {
      this.logger.error(`Attachment ${id}: the ${which} rendition is missing from ${this.storage.kind} storage`);
      throw new Problem(HttpStatus.NOT_FOUND, 'The photo’s file is missing from storage. The administrators have been told.', { code: 'ATTACHMENT_FILE_MISSING' });
    }
    await this.audit.record(access, {
      action: 'attachment.read',
      entityType: 'Attachment',
      entityId: id,
      jurisdictionPath: owner.jurisdictionPath,
      details: { rendition: which, recordType: attachment.entityType, recordId: attachment.entityId },
    });
    const type = which === 'display' ? attachment.displayType : attachment.thumbnailType;
    return { data, contentType: type, fileName: `photo-${id}-${which}.${type === 'image/webp' ? 'webp' : 'jpg'}` };
  }

  async remove(access: AccessContext, id: string): Promise<void> {
    const attachment = await this.dataSource.getRepository(AttachmentEntity).findOne({
      where: { id, deletedAt: IsNull() },
      select: { id: true, entityType: true, entityId: true, displayKey: true, thumbnailKey: true },
    });
    if (!attachment) throw new RecordNotFound('attachment');
    const resolver = this.owners.get(attachment.entityType);
    const owner = await resolver?.resolve(access, attachment.entityId, 'update');
    if (!resolver || !owner) throw new RecordNotFound('attachment');
    await this.dataSource.transaction(async (manager) => {
      await manager.update(AttachmentEntity, { id }, { deletedAt: this.clock.now() });
      await resolver.onRemoved?.(access, attachment.entityId, id, manager);
      await this.audit.record(
        access,
        { action: 'attachment.delete', entityType: 'Attachment', entityId: id, jurisdictionPath: owner.jurisdictionPath, details: { recordType: attachment.entityType, recordId: attachment.entityId } },
        manager,
      );
    });
    // The picture of a child is removed for real; the row stays (soft-deleted) for the audit trail.
    await Promise.all([this.storage.delete(attachment.displayKey), this.storage.delete(attachment.thumbnailKey)]).catch((error) =>
      this.logger.error(`Attachment ${id}: could not remove its files: ${String(error)}`),
    );
  }

  // ---------------------------------------------------------------- internals

  private resolver(entityType: AttachmentEntityType): AttachmentOwnerResolver {
    const resolver = this.owners.get(entityType);
    if (!resolver) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `Photos of ${entityType} records are not available yet.`, {
        code: 'UNSUPPORTED_ENTITY_TYPE',
        errors: [{ field: 'entityType', message: 'not supported' }],
      });
    }
    return resolver;
  }

  private async checkRoom(manager: EntityManager, entityType: AttachmentEntityType, entityId: string): Promise<void> {
    const count = await manager.count(AttachmentEntity, { where: { entityType, entityId, deletedAt: IsNull() } });
    if (count >= MAX_PHOTOS_PER_RECORD) throw tooManyPhotos();
  }

  private async store(
    context: AccessContext | SystemContext,
    target: { entityType: AttachmentEntityType; entityId: string; owner: AttachmentOwner; resolver?: AttachmentOwnerResolver; newRecord?: boolean },
    photo: ProcessedPhoto,
    fileName: string | null,
    outer?: EntityManager,
  ): Promise<AttachmentEntity> {
    const id = randomUUID();
    const now = this.clock.now();
    const row = await storePhoto(this.storage, photo, {
      id,
      entityType: target.entityType,
      entityId: target.entityId,
      fileName,
      uploadedById: context.actor?.id ?? null,
      createdAt: now,
    });
    const work = async (manager: EntityManager) => {
      if (!target.newRecord) {
        // Serialise uploads to one record so that the limit holds under concurrent uploads (a record
        // still being created in this transaction is invisible to them).
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`attachments:${target.entityType}:${target.entityId}`]);
        await this.checkRoom(manager, target.entityType, target.entityId);
      }
      await manager.insert(AttachmentEntity, row);
      if (context.actor && target.resolver?.onAdded) await target.resolver.onAdded(context as AccessContext, target.entityId, id, manager);
      await this.audit.record(
        context,
        {
          action: 'attachment.create',
          entityType: 'Attachment',
          entityId: id,
          jurisdictionPath: target.owner.jurisdictionPath,
          details: { recordType: target.entityType, recordId: target.entityId, sha256: photo.sha256, bytes: photo.originalBytes },
        },
        manager,
      );
    };
    try {
      if (outer) await work(outer);
      else await this.dataSource.transaction(work);
    } catch (error) {
      await Promise.all([this.storage.delete(row.displayKey), this.storage.delete(row.thumbnailKey)]).catch(() => undefined);
      throw error;
    }
    return row;
  }
}

function tooManyPhotos(): Problem {
  return new Problem(HttpStatus.CONFLICT, `This record already has ${MAX_PHOTOS_PER_RECORD} photos, the most it can have. Remove one first.`, {
    code: 'TOO_MANY_PHOTOS',
    errors: [{ field: 'entityId', message: `already has ${MAX_PHOTOS_PER_RECORD} photos` }],
  });
}
