import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Saves the multipart field `file` to a private temporary file, runs `work` on it, and removes it
 * whatever happens. Imports read files by path (streaming, any size), so an upload becomes one first.
 */
export async function withUploadedFile<T>(request: FastifyRequest, work: (file: string, fileName: string) => Promise<T>): Promise<T> {
  const part = await request.file();
  if (!part) throw new AppError('VALIDATION_FAILED', 'No file uploaded (multipart field "file") / 未上传文件', { field: 'file' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-upload-'));
  const file = path.join(dir, 'upload' + path.extname(part.filename || '').toLowerCase());
  try {
    await pipeline(part.file, fs.createWriteStream(file));
    if (part.file.truncated) throw new AppError('IMPORT_FILE_INVALID', 'The file is too large / 文件过大');
    return await work(file, part.filename);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Saves the multipart field `file` as `<dir>/<baseName><ext>` and keeps it (a background job reads
 * it later and removes it when done). Returns the path and the name the user gave the file.
 */
export async function saveUploadedFile(request: FastifyRequest, dir: string, baseName: string): Promise<{ file: string; fileName: string }> {
  const part = await request.file();
  if (!part) throw new AppError('VALIDATION_FAILED', 'No file uploaded (multipart field "file") / 未上传文件', { field: 'file' });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ext = path.extname(part.filename || '').toLowerCase();
  const file = path.join(dir, baseName + (/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''));
  try {
    await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
    if (part.file.truncated) throw new AppError('IMPORT_FILE_INVALID', 'The file is too large / 文件过大');
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, fileName: part.filename || path.basename(file) };
}
