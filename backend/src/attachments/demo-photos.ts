import { Logger } from '@nestjs/common';
import sharp from 'sharp';
import type { EntityManager } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { AttachmentEntity, type AttachmentEntityType } from './attachment.entity';
import { processPhoto } from './image-processing';
import { storePhoto } from './photo-record';
import { createStorage, type StorageService } from './storage.service';

/** The colours of a drawn demo child. */
export interface DrawnChild {
  skin: string;
  hair: string;
  shirt: string;
  background: string;
}

const logger = new Logger('DemoPhotos');

/**
 * A drawn child (flat shapes) with a DEMO band across it, for the demo data: never a real child.
 * The band is in Latin letters only: it is drawn with whatever fonts the machine has, and without a
 * Chinese font (a fresh machine often has none) Chinese characters came out as empty boxes.
 */
export function drawnChild(c: DrawnChild, options: { smile: boolean }): sharp.Sharp {
  const smile = options.smile ? '<path d="M200 320 Q240 350 280 320" stroke="#8a4b3a" stroke-width="8" fill="none" stroke-linecap="round"/>' : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="600" viewBox="0 0 480 600">
    <rect width="480" height="600" fill="${c.background}"/>
    <path d="M60 600 C60 460 140 410 240 410 C340 410 420 460 420 600 Z" fill="${c.shirt}"/>
    <rect x="205" y="340" width="70" height="80" fill="${c.skin}"/>
    <ellipse cx="240" cy="250" rx="120" ry="135" fill="${c.skin}"/>
    <path d="M120 240 C110 120 190 95 240 95 C300 95 375 125 360 240 C340 180 300 160 240 165 C180 160 140 185 120 240 Z" fill="${c.hair}"/>
    <circle cx="195" cy="260" r="12" fill="#2b2b2b"/>
    <circle cx="285" cy="260" r="12" fill="#2b2b2b"/>
    ${smile}
    <rect x="0" y="20" width="480" height="56" fill="#000" fill-opacity="0.55"/>
    <text x="240" y="60" font-family="sans-serif" font-size="26" font-weight="bold" fill="#fff" text-anchor="middle">DEMO · NOT A REAL PHOTO</text>
  </svg>`;
  return sharp(Buffer.from(svg));
}

/** Storage as the application configures it; none inside Jest (tests keep their own folders). */
export function demoPhotoStorage(): StorageService | null {
  if (process.env['JEST_WORKER_ID']) return null;
  try {
    return createStorage(loadConfig(process.env));
  } catch (error) {
    logger.warn(`No storage for demo photos: ${(error as Error).message}`);
    return null;
  }
}

/** Processes and stores a demo photo of a record the way an upload is. */
export async function addDemoPhoto(
  manager: EntityManager,
  storage: StorageService,
  image: Buffer,
  record: { entityType: AttachmentEntityType; entityId: string; fileName: string; uploadedById: string | null; createdAt: Date },
): Promise<void> {
  const photo = await processPhoto(image);
  const [{ id }]: { id: string }[] = await manager.query('SELECT gen_random_uuid() AS id');
  await manager.insert(AttachmentEntity, await storePhoto(storage, photo, { id, ...record }));
}
