import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { ATTACHMENT_ENTITY_TYPES, type AttachmentEntity, type AttachmentEntityType } from './attachment.entity';

export class UploadAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_ENTITY_TYPES }) @IsIn(ATTACHMENT_ENTITY_TYPES) entityType: AttachmentEntityType;
  @ApiProperty() @IsUUID() entityId: string;
}

/** Multipart body of an upload, for the OpenAPI document. */
export class UploadAttachmentBodyDto extends UploadAttachmentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG, PNG or WebP; at most 20 MB and 40 megapixels' }) file: unknown;
}

export class AttachmentQueryDto extends UploadAttachmentDto {}

export class PhotoExifDto {
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'DateTimeOriginal as written by the camera (its local time, read as UTC)' })
  takenAt: string | null;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ATTACHMENT_ENTITY_TYPES }) entityType: AttachmentEntityType;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ example: 'image/jpeg', description: 'Type of the upload, recognised from its content' }) originalType: string;
  @ApiProperty() originalWidth: number;
  @ApiProperty() originalHeight: number;
  @ApiProperty() displayWidth: number;
  @ApiProperty() displayHeight: number;
  @ApiProperty({ description: 'SHA-256 of the uploaded bytes' }) sha256: string;
  @ApiProperty({ description: '64-bit perceptual hash, 16 hex digits' }) phash: string;
  @ApiPropertyOptional({ nullable: true, type: PhotoExifDto, description: 'Position and time read from the upload before its metadata was removed' })
  exif: PhotoExifDto | null;
  @ApiProperty({ example: '/api/v1/attachments/…/display' }) displayUrl: string;
  @ApiProperty({ example: '/api/v1/attachments/…/thumbnail' }) thumbnailUrl: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
}

export function mapAttachment(a: AttachmentEntity): AttachmentDto {
  return {
    id: a.id,
    entityType: a.entityType,
    entityId: a.entityId,
    fileName: a.fileName,
    originalType: a.originalType,
    originalWidth: a.originalWidth,
    originalHeight: a.originalHeight,
    displayWidth: a.displayWidth,
    displayHeight: a.displayHeight,
    sha256: a.sha256,
    phash: a.phash,
    exif: a.exifLat !== null || a.exifTakenAt !== null ? { lat: a.exifLat, lng: a.exifLng, takenAt: a.exifTakenAt?.toISOString() ?? null } : null,
    displayUrl: `/api/v1/attachments/${a.id}/display`,
    thumbnailUrl: `/api/v1/attachments/${a.id}/thumbnail`,
    createdAt: a.createdAt.toISOString(),
  };
}
