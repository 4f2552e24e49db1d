import fs from 'node:fs';
import { CHAINED_TABLES } from '../../db/roles.ts';
import { AppError } from '../../errors.ts';
import { readBackupHeader } from '../backup/backup.ts';
import type { ChainAnchors } from './verify-chains.ts';

/** Heads recorded outside the database: a backup's header, or the JSON `audit verify --json` printed. */
export async function readAnchors(file: string): Promise<ChainAnchors> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION_FAILED', `Anchor file not found: ${file}`);
  const start = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, start, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (start[0] === 0x1f && start[1] === 0x8b) {
    const header = await readBackupHeader(file);
    if (!header.chains) throw new AppError('VALIDATION_FAILED', `${file} was made by an older Fangpin and records no chain heads`);
    return header.chains;
  }
  let parsed: { chains?: { table?: string; head?: { seq?: unknown; hash?: unknown } }[] };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof parsed;
  } catch {
    throw new AppError('VALIDATION_FAILED', `${file} is neither a backup nor the JSON output of 'audit verify --json'`);
  }
  const anchors: ChainAnchors = {};
  for (const c of parsed.chains ?? []) {
    const table = CHAINED_TABLES.find((t) => t === c.table);
    if (table && typeof c.head?.seq === 'number' && typeof c.head.hash === 'string') anchors[table] = { seq: c.head.seq, hash: c.head.hash };
  }
  if (Object.keys(anchors).length === 0) throw new AppError('VALIDATION_FAILED', `${file} records no chain heads`);
  return anchors;
}
