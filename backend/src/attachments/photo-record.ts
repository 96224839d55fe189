import type {
  AttachmentEntity,
  AttachmentEntityType,
} from './attachment.entity';
import type { ProcessedPhoto } from './image-processing';
import type { StorageService } from './storage.service';

/**
 * Puts a processed photo's two renditions in storage (under year/month) and returns the attachment
 * row that describes them, complete (nothing is left to column defaults, so the row need not be read
 * back after inserting it). Shared by uploads and the demo seed so both store photos the same way.
 */
export async function storePhoto(
  storage: StorageService,
  photo: ProcessedPhoto,
  record: {
    id: string;
    entityType: AttachmentEntityType;
    entityId: string;
    fileName: string | null;
    uploadedById: string | null;
    createdAt: Date;
  },
): Promise<AttachmentEntity> {
  const at = record.createdAt;
  const folder = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  const displayKey = `${folder}/${record.id}-display.jpg`;
  const thumbnailKey = `${folder}/${record.id}-thumbnail.jpg`;
  await storage.put(displayKey, photo.display.data, photo.display.type);
  await storage.put(thumbnailKey, photo.thumbnail.data, photo.thumbnail.type);
  return {
    id: record.id,
    entityType: record.entityType,
    entityId: record.entityId,
    kind: 'photo',
    originalType: photo.originalType,
    originalBytes: photo.originalBytes,
    originalWidth: photo.width,
    originalHeight: photo.height,
    sha256: photo.sha256,
    phash: photo.phash,
    displayKey,
    displayType: photo.display.type,
    displayWidth: photo.display.width,
    displayHeight: photo.display.height,
    displayBytes: photo.display.data.length,
    thumbnailKey,
    thumbnailType: photo.thumbnail.type,
    thumbnailBytes: photo.thumbnail.data.length,
    fileName: record.fileName ? record.fileName.slice(0, 200) : null,
    exifLat: photo.exif?.lat ?? null,
    exifLng: photo.exif?.lng ?? null,
    exifTakenAt: photo.exif?.takenAt ? new Date(photo.exif.takenAt) : null,
    uploadedById: record.uploadedById,
    createdAt: at,
    deletedAt: null,
  };
}
