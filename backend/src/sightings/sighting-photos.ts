import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext, SystemContext } from '../access/actor';
import type { AttachmentOwner, AttachmentOwnerResolver } from '../attachments/attachment-owner';
import { AttachmentsService } from '../attachments/attachments.service';
import type { ProcessedPhoto } from '../attachments/image-processing';

/** A photo checked and processed before the sighting's transaction (type, size, EXIF, renditions), ready to be stored with it. */
export interface PreparedPhoto {
  sha256: string;
  exifLat: number | null;
  exifLng: number | null;
  exifTakenAt: Date | null;
  processed: ProcessedPhoto;
  fileName: string | null;
}

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
  size: number;
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The bridge between sightings and attachments. Photos are checked and processed first (content type,
 * size, pixels, EXIF place and time, renditions) so that a bad photo refuses the whole report before
 * anything is written; the renditions (metadata-free) are then stored inside the sighting's transaction.
 * Also tells the photo routes who may see a sighting's photos: the police who may read the sighting.
 */
@Injectable()
export class SightingPhotos implements AttachmentOwnerResolver, OnModuleInit {
  readonly entityType = 'sighting' as const;

  constructor(
    private readonly attachments: AttachmentsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.attachments.registerOwner(this);
  }

  async prepare(files: UploadedFile[]): Promise<PreparedPhoto[]> {
    const prepared: PreparedPhoto[] = [];
    for (const file of files) {
      const photo = await this.attachments.inspect(file.buffer);
      prepared.push({
        sha256: photo.sha256,
        exifLat: photo.exif?.lat ?? null,
        exifLng: photo.exif?.lng ?? null,
        exifTakenAt: photo.exif?.takenAt ? new Date(photo.exif.takenAt) : null,
        processed: photo,
        fileName: file.originalname ?? null,
      });
    }
    return prepared;
  }

  async save(manager: EntityManager, context: AccessContext | SystemContext, sighting: { id: string; jurisdictionPath: string }, photos: PreparedPhoto[]): Promise<void> {
    await this.attachments.ingest(
      context,
      { entityType: 'sighting', entityId: sighting.id, jurisdictionPath: sighting.jurisdictionPath },
      photos.map((p) => ({ photo: p.processed, fileName: p.fileName })),
      manager,
    );
  }

  async resolve(access: AccessContext, entityId: string, need: 'read' | 'update', manager?: EntityManager): Promise<AttachmentOwner | null> {
    const [s]: { jurisdiction_path: string }[] = await (manager ?? this.dataSource.manager).query('SELECT jurisdiction_path FROM sightings WHERE id = $1', [entityId]);
    if (!s) return null;
    const allowed = access.ability.can(need === 'update' ? 'triage' : 'read', record('Sighting', { id: entityId, jurisdictionPath: s.jurisdiction_path }));
    return allowed ? { jurisdictionPath: s.jurisdiction_path, label: `sighting ${entityId.slice(0, 8)}` } : null;
  }
}
