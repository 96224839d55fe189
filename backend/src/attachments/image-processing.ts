import { HttpStatus } from '@nestjs/common';
import exifr from 'exifr';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { Problem } from '../common/problem';

export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
export const MAX_PHOTO_PIXELS = 40_000_000;
export const DISPLAY_MAX_PX = 1600;
export const THUMBNAIL_MAX_PX = 320;
const ACCEPTED = new Map([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
]);

export interface ProcessedPhoto {
  originalType: string;
  originalBytes: number;
  width: number;
  height: number;
  sha256: string;
  /** 64-bit perceptual hash as 16 hex digits. */
  phash: string;
  display: { data: Buffer; type: string; width: number; height: number };
  thumbnail: { data: Buffer; type: string; width: number; height: number };
  exif: { lat: number | null; lng: number | null; takenAt: string | null } | null;
}

/** Number of differing bits between two 64-bit perceptual hashes (hex): 0 = same picture, ≤ 10 ≈ near-duplicate. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) throw new Error('hammingDistance needs two 16-hex-digit hashes');
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

function bitsToHex(bits: string): string {
  return BigInt(`0b${bits}`).toString(16).padStart(16, '0');
}

/** The image type recognised from the bytes themselves (not the name or the declared type). */
export async function detectImageType(data: Buffer): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(data);
  return type && ACCEPTED.has(type.mime) ? type.mime : null;
}

async function readExif(data: Buffer): Promise<ProcessedPhoto['exif']> {
  // Broken EXIF is not a reason to refuse a photo; there is simply no position or time to offer.
  const [gps, tags] = await Promise.all([
    exifr.gps(data).catch(() => undefined),
    exifr.parse(data, { pick: ['DateTimeOriginal'] }).catch(() => undefined),
  ]);
  const valid = gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude) && Math.abs(gps.latitude) <= 90 && Math.abs(gps.longitude) <= 180;
  const taken: unknown = tags?.DateTimeOriginal;
  const takenAt = taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString() : null;
  if (!valid && !takenAt) return null;
  return { lat: valid ? Number(gps.latitude.toFixed(6)) : null, lng: valid ? Number(gps.longitude.toFixed(6)) : null, takenAt };
}

/**
 * Checks an uploaded photo and turns it into what is stored: recognised by content (JPEG, PNG, WebP:
 * else 415), size checked from the header before any decoding (≤ 40 megapixels: else 422), EXIF
 * position and time read first, then re-encoded (orientation applied) into a display size and a
 * thumbnail. sharp writes no metadata unless asked, so neither rendition carries EXIF, GPS, XMP or
 * ICC comments. The original bytes are hashed and then dropped.
 */
export async function processPhoto(data: Buffer): Promise<ProcessedPhoto> {
  const type = await detectImageType(data);
  if (!type) {
    throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Only JPEG, PNG and WebP photos are accepted; the file’s content is not one of these.', {
      code: 'UNSUPPORTED_PHOTO_TYPE',
      errors: [{ field: 'file', message: 'not a JPEG, PNG or WebP image' }],
    });
  }
  let width: number;
  let height: number;
  try {
    // Header only: no pixel is decoded here, so no pixel limit is needed yet.
    const meta = await sharp(data, { failOn: 'none', limitInputPixels: false }).metadata();
    width = meta.autoOrient?.width ?? meta.width ?? 0;
    height = meta.autoOrient?.height ?? meta.height ?? 0;
  } catch {
    throw unreadable();
  }
  if (!width || !height) throw unreadable();
  if (width * height > MAX_PHOTO_PIXELS) {
    throw new Problem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `The photo is ${width} × ${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); at most ${MAX_PHOTO_PIXELS / 1e6} megapixels are accepted.`,
      { code: 'PHOTO_TOO_MANY_PIXELS', errors: [{ field: 'file', message: 'more than 40 megapixels' }] },
    );
  }
  const exif = await readExif(data);
  try {
    // One pass from the upload to the display rendition (orientation applied; a photo at least twice
    // the display size is decoded straight at a fraction of its size: JPEG shrink-on-load). The
    // thumbnail is made from the display rendition (decoded at a fraction of its size the same way),
    // and the perceptual hash from the thumbnail: no full-size pixels are kept in memory.
    const display = await sharp(data, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' })
      .rotate()
      .resize(DISPLAY_MAX_PX, DISPLAY_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      // Baseline JPEG without the optimised-Huffman pass: a third of the encoding time for ~10 % more bytes.
      .jpeg({ quality: 82, optimiseCoding: false })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(display.data)
      .resize(THUMBNAIL_MAX_PX, THUMBNAIL_MAX_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75, optimiseCoding: false })
      .toBuffer({ resolveWithObject: true });
    const hash = await perceptualHash(sharp(thumbnail.data));
    return {
      originalType: type,
      originalBytes: data.length,
      width,
      height,
      sha256: createHash('sha256').update(data).digest('hex'),
      phash: hash,
      display: { data: display.data, type: 'image/jpeg', width: display.info.width, height: display.info.height },
      thumbnail: { data: thumbnail.data, type: 'image/jpeg', width: thumbnail.info.width, height: thumbnail.info.height },
      exif,
    };
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw unreadable();
  }
}

const HASH_SAMPLE = 32;
const HASH_LOW = 8;
/** cos((2i + 1)·u·π / 2N) for the DCT-II, indexed [i][u]. */
const DCT_COS = Array.from({ length: HASH_SAMPLE }, (_, i) => Array.from({ length: HASH_SAMPLE }, (_, u) => Math.cos(((2 * i + 1) / (2 * HASH_SAMPLE)) * u * Math.PI)));

/**
 * The 64-bit DCT perceptual hash (the sharp-phash algorithm: 32 × 32 greyscale, 2-D DCT-II, the 8 × 8
 * lowest frequencies after the DC term against their mean) as 16 hex digits, taken from the
 * thumbnail's pixels. Only those 64 coefficients are computed, not all 1,024 as the library does.
 */
async function perceptualHash(image: sharp.Sharp): Promise<string> {
  const grey = await image.greyscale().resize(HASH_SAMPLE, HASH_SAMPLE, { fit: 'fill' }).raw().toBuffer();
  const coefficients: number[] = [];
  for (let u = 1; u <= HASH_LOW; u++) {
    for (let v = 1; v <= HASH_LOW; v++) {
      let sum = 0;
      // Pixel (column i, row j), as sharp-phash reads it.
      for (let i = 0; i < HASH_SAMPLE; i++) for (let j = 0; j < HASH_SAMPLE; j++) sum += DCT_COS[i][u] * DCT_COS[j][v] * grey[HASH_SAMPLE * j + i];
      coefficients.push(sum / 4);
    }
  }
  const mean = coefficients.reduce((a, b) => a + b, 0) / coefficients.length;
  return bitsToHex(coefficients.map((c) => (c > mean ? '1' : '0')).join(''));
}

function unreadable(): Problem {
  return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The photo could not be read: the file is damaged or incomplete.', {
    code: 'PHOTO_UNREADABLE',
    errors: [{ field: 'file', message: 'damaged or incomplete image' }],
  });
}
