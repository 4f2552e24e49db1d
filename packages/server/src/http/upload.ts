import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { UNSTORABLE_CHARS } from '../unstorable-text.ts';
import { findForbiddenText } from './text-input.ts';

/**
 * A body that is not a well-formed multipart form (no boundary, cut off before its end, not
 * multipart at all): 400 naming the field `file`, never a 500 (issue 10, item 11).
 */
export function malformedUpload(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { statusCode, message } = error as { statusCode?: number; message?: string };
  if (statusCode === 413) return AppError.because('VALIDATION_FAILED', 'uploadTooLarge', undefined, { field: 'file' });
  const why = String(message ?? error).replace(/ \/ /g, ' - ');
  return new AppError('VALIDATION_FAILED', `The upload is not a well-formed multipart/form-data body with a field "file" (${why})`, { field: 'file', reason: 'uploadMalformed' });
}

/**
 * The multipart field `file` (the first file of the body), its other fields checked like any text
 * the API receives (text-input.ts). Refuses a missing file and a malformed body with 400.
 */
export async function readFilePart(request: FastifyRequest, options?: Parameters<FastifyRequest['file']>[0]): Promise<MultipartFile> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file(options);
  } catch (error) {
    throw malformedUpload(error);
  }
  if (!part) throw new AppError('VALIDATION_FAILED', 'No file uploaded (multipart field "file")', { field: 'file', reason: 'fileMissing' });
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(part.fields)) if (field && 'value' in field) values[name] = field.value;
  const found = findForbiddenText(values);
  if (found) throw AppError.because('VALIDATION_FAILED', 'unstorableCharacter', { field: found.field }, { field: found.field });
  return part;
}

/** The name the user gave the file, without path separators, quotes or control characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const clean = (name ?? '').replace(UNSTORABLE_CHARS, '').replace(/[\\/"\r\n\t\u007F]/g, '_').slice(0, 200);
  return clean || fallback;
}

/** After the whole body was read, the file part may stay this long without a byte before the body counts as cut off. */
const STALLED_AFTER_BODY_MS = 5000;

/**
 * Streams the part's bytes into `file`; the sender's stream failing (a body cut off) is a 400, the
 * disk failing is not. A body that ends inside its file part does not always fail the part's stream
 * (when the body had fully arrived before it was parsed, the part came torn down, neither ended nor
 * failed, and the request hung): such a part is refused at once, and once the request body is read,
 * a part that then stays silent is ended as cut off.
 */
async function savePart(request: FastifyRequest, part: MultipartFile, file: string, mode?: number): Promise<void> {
  let sourceError: unknown;
  part.file.once('error', (error) => (sourceError = error));
  // Torn down already (the body ended inside the part before it was handed over): piping it would wait forever.
  if (part.file.destroyed) throw malformedUpload(new Error('the body ended inside the file part'));
  let stalled: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(stalled);
    stalled = setTimeout(() => part.file.destroy(new Error('the body ended inside the file part')), STALLED_AFTER_BODY_MS);
  };
  const onData = () => stalled && watch();
  part.file.on('data', onData);
  if (request.raw.readableEnded) watch();
  else request.raw.once('end', watch);
  try {
    await pipeline(part.file, fs.createWriteStream(file, mode === undefined ? {} : { mode }));
  } catch (error) {
    if (sourceError !== undefined) throw malformedUpload(sourceError);
    throw error;
  } finally {
    clearTimeout(stalled);
    part.file.off('data', onData);
    request.raw.off('end', watch);
  }
  if (part.file.truncated) throw AppError.because('IMPORT_FILE_INVALID', 'uploadTooLarge');
}

/**
 * Saves the multipart field `file` to a private temporary file, runs `work` on it, and removes it
 * whatever happens. Imports read files by path (streaming, any size), so an upload becomes one first.
 */
export async function withUploadedFile<T>(request: FastifyRequest, work: (file: string, fileName: string) => Promise<T>): Promise<T> {
  const part = await readFilePart(request);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-upload-'));
  const file = path.join(dir, 'upload' + path.extname(part.filename || '').toLowerCase());
  try {
    await savePart(request, part, file);
    return await work(file, cleanFileName(part.filename, 'upload'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Saves the multipart field `file` as `<dir>/<baseName><ext>` and keeps it (a background job reads
 * it later and removes it when done). Returns the path and the name the user gave the file.
 */
export async function saveUploadedFile(request: FastifyRequest, dir: string, baseName: string): Promise<{ file: string; fileName: string }> {
  const part = await readFilePart(request);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ext = path.extname(part.filename || '').toLowerCase();
  const file = path.join(dir, baseName + (/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''));
  try {
    await savePart(request, part, file, 0o600);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, fileName: cleanFileName(part.filename, path.basename(file)) };
}
