import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../errors.ts';

/** SHA-256 of a file's bytes (streamed): how an import recognises a file it has seen before. */
export async function sha256File(file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new AppError('IMPORT_FILE_INVALID', `File not found: ${file} / 文件不存在`);
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
