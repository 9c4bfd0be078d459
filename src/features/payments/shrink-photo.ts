/**
 * A camera photo (often 3–5 MB) made small enough to keep on the tablet and send over a weak
 * link: at most 1280 px on its longer side, JPEG. Where the browser cannot decode or draw it,
 * the original file is kept as it is (never lost).
 */
export const MAX_PHOTO_EDGE = 1280;

export type Photo = { blob: Blob; type: 'image/jpeg' | 'image/png' | 'image/webp' };

const keptTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The size to draw at: the longer edge at most `max`, the shape kept. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_EDGE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function shrinkPhoto(file: Blob): Promise<Photo | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    if (blob) return { blob, type: 'image/jpeg' };
  } catch {
    // Fall through: keep the original if it is an image type the server accepts.
  }
  const type = keptTypes.find((k) => k === file.type);
  return type ? { blob: file, type } : null;
}
