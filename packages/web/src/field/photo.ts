import { toBase64 } from './offline/crypto.ts';

/** Longest side of a photo sent from the phone: enough to read a signature, ≈ 150–300 KB as JPEG. */
export const PHOTO_MAX_SIDE = 1280;

/** Resizes a camera photo on the phone (canvas → JPEG 0.75) before it is queued, so a 3G upload carries a few hundred KB, not 5 MB. */
export async function resizePhoto(file: File): Promise<{ fileName: string; contentBase64: string; bytes: number }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.75));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { fileName: `${file.name.replace(/\.[^.]+$/, '') || 'photo'}.jpg`, contentBase64: toBase64(bytes), bytes: bytes.length };
}
