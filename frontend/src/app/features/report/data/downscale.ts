/** Photos larger than this (longest side, in pixels) are shrunk on the phone before sending. */
export const MAX_PHOTO_SIDE = 1600;

/** The size to draw at: the longest side at most `max`, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max = MAX_PHOTO_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * A JPEG of at most 1600 px, drawn on a canvas (which also drops the photo's metadata). Falls back to
 * the original file when the browser cannot decode it; the server checks every photo anyway.
 */
export async function downscalePhoto(
  file: File,
  max = MAX_PHOTO_SIDE,
  quality = 0.85,
): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const size = fitWithin(bitmap.width, bitmap.height, max);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return file;
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', quality),
  );
  return blob ?? file;
}
