import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { TestApp } from '../test-app';

export const TAIHE = { lat: 33.1602, lng: 115.622 };
export const PUDONG = { lat: 31.2213, lng: 121.544 };

let addressCounter = 0;
/** A distinct client address per call (the public routes are rate-limited per address). */
export function freshAddress(): string {
  addressCounter++;
  return `10.77.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

export function idempotencyKey(): string {
  return randomUUID();
}

export interface CaseInput {
  fullName?: string;
  sex?: 'male' | 'female' | 'unknown';
  dateOfBirth?: string;
  marks?: string;
  lat?: number;
  lng?: number;
  lastSeenAt?: string;
  jurisdictionCode?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
}

/** Opens a file through the API as `who` (default: the Taihe officer) and returns its body. */
export async function createCase(t: TestApp, auth: string, input: CaseInput = {}): Promise<{ id: string; caseNumber: string; version: number; status: string }> {
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set('Authorization', auth)
    .send({
      child: {
        fullName: input.fullName ?? '张小明',
        sex: input.sex ?? 'male',
        dateOfBirth: input.dateOfBirth ?? '2019-03-14',
        ...(input.marks ? { distinguishingMarks: input.marks } : {}),
      },
      lastSeenAt: input.lastSeenAt ?? new Date(t.clock.now().getTime() - 10 * 86_400_000).toISOString(),
      lastSeenPlace: '太和县城关镇人民路菜市场',
      lastSeenLat: input.lat ?? TAIHE.lat,
      lastSeenLng: input.lng ?? TAIHE.lng,
      jurisdictionCode: input.jurisdictionCode ?? '341222',
      priority: input.priority ?? 'normal',
    });
  if (res.status !== 201) throw new Error(`createCase: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A JPEG with a picture that a perceptual hash tells apart from others made with another seed. */
export async function photo(seed: number, size = 256): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  let x = seed * 2654435761;
  const blocks = 8;
  const colours: number[] = [];
  for (let i = 0; i < blocks * blocks; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    colours.push(x % 256);
  }
  for (let y = 0; y < size; y++) {
    for (let xx = 0; xx < size; xx++) {
      const v = colours[Math.floor((y * blocks) / size) * blocks + Math.floor((xx * blocks) / size)];
      const i = (y * size + xx) * 3;
      pixels[i] = v;
      pixels[i + 1] = (v * 7) % 256;
      pixels[i + 2] = 255 - v;
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}
