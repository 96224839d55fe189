import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ATTACHMENT_ENTITY_TYPES = ['case', 'sighting', 'rescued_child'] as const;
export type AttachmentEntityType = (typeof ATTACHMENT_ENTITY_TYPES)[number];

/**
 * A photo of a record. Only metadata-free renditions are stored (display ≤ 1600 px and thumbnail
 * ≤ 320 px); the original upload, which carries EXIF/GPS, is never kept.
 */
@Entity({ name: 'attachments' })
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', name: 'entity_type' }) entityType: AttachmentEntityType;
  @Column({ type: 'uuid', name: 'entity_id' }) entityId: string;
  @Column({ type: 'text', default: 'photo' }) kind: 'photo';
  @Column({ type: 'text', name: 'original_type' }) originalType: string;
  @Column({ type: 'integer', name: 'original_bytes' }) originalBytes: number;
  @Column({ type: 'integer', name: 'original_width' }) originalWidth: number;
  @Column({ type: 'integer', name: 'original_height' }) originalHeight: number;
  /** SHA-256 of the uploaded bytes, hex. */
  @Column({ type: 'char', length: 64 }) sha256: string;
  /** 64-bit perceptual hash (DCT) of the picture, 16 hex digits: compare with hammingDistance(). */
  @Column({ type: 'char', length: 16 }) phash: string;
  @Column({ type: 'text', name: 'display_key', select: false }) displayKey: string;
  @Column({ type: 'text', name: 'display_type' }) displayType: string;
  @Column({ type: 'integer', name: 'display_width' }) displayWidth: number;
  @Column({ type: 'integer', name: 'display_height' }) displayHeight: number;
  @Column({ type: 'integer', name: 'display_bytes' }) displayBytes: number;
  @Column({ type: 'text', name: 'thumbnail_key', select: false }) thumbnailKey: string;
  @Column({ type: 'text', name: 'thumbnail_type' }) thumbnailType: string;
  @Column({ type: 'integer', name: 'thumbnail_bytes' }) thumbnailBytes: number;
  @Column({ type: 'text', name: 'file_name', nullable: true }) fileName: string | null;
  @Column({ type: 'double precision', name: 'exif_lat', nullable: true }) exifLat: number | null;
  @Column({ type: 'double precision', name: 'exif_lng', nullable: true }) exifLng: number | null;
  @Column({ type: 'timestamptz', name: 'exif_taken_at', nullable: true }) exifTakenAt: Date | null;
  @Column({ type: 'uuid', name: 'uploaded_by_id', nullable: true }) uploadedById: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
}
