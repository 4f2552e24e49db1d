import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest (docs/ARCHITECTURE.md "Data"): ID numbers and phones are encrypted with
 * AES-256-GCM and found through a keyed blind index (HMAC-SHA-256, truncated to 16 bytes), so the
 * database never holds them in clear and a dump alone reveals nothing. Both keys derive (HKDF) from
 * one master key: FANGPIN_SECRET_KEY, or `<data dir>/secret.key`, created on first start.
 * Back the key up with the database: without it, encrypted values cannot be read.
 */
export type PersonalDataCipher = {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Deterministic lookup key of a normalised value (same input, same index). */
  blindIndex(normalised: string): Buffer;
  /** Names the key without revealing it (keyFingerprint). */
  fingerprint: string;
  /**
   * The blind index's HMAC pads (the index key, zero-padded to SHA-256's 64-byte block, XOR 0x36 and
   * 0x5c): DuckDB computes the same index in SQL as `sha256(outer || sha256(inner || id))` when it
   * reads a large department file (fast-import.ts). Only for that in-process engine: never logged, sent or stored.
   */
  blindIndexPads(): { inner: Buffer; outer: Buffer };
};

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('The personal-data master key must be 32 bytes');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('fangpin/personal-data/aes-256-gcm');
  const indexKey = derive('fangpin/personal-data/blind-index');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised) {
      return crypto.createHmac('sha256', indexKey).update(normalised, 'utf8').digest().subarray(0, 16);
    },
    fingerprint: keyFingerprint(masterKey),
    blindIndexPads() {
      const block = Buffer.concat([indexKey, Buffer.alloc(64 - indexKey.length)]);
      return { inner: Buffer.from(block.map((b) => b ^ 0x36)), outer: Buffer.from(block.map((b) => b ^ 0x5c)) };
    },
  };
}

/**
 * A key's fingerprint: HMAC-SHA-256 of a constant under the key, first 8 bytes in hex (e.g.
 * `3f9a1c2b7d4e5f60`). It tells two keys apart in messages, backups and the database without
 * revealing anything about the key.
 */
export function keyFingerprint(masterKey: Buffer): string {
  return crypto.createHmac('sha256', masterKey).update('fangpin/personal-data/key-fingerprint', 'utf8').digest().subarray(0, 8).toString('hex');
}

/** Parses a 32-byte key written as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('FANGPIN_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}

/** Where the key comes from, for messages: FANGPIN_SECRET_KEY or the file in the data directory. */
export function masterKeySource(options: { secretKey: string | undefined; dataDir: string }): string {
  return options.secretKey ? 'FANGPIN_SECRET_KEY' : path.join(options.dataDir, 'secret.key');
}

/**
 * The configured master key, or the one in the data directory (created with mode 0600 when absent).
 * With `mayCreate: false` a missing key is `undefined` instead: a database that already holds
 * encrypted data must never get a new key silently (restore, start against a recorded fingerprint).
 */
export function loadMasterKey(options: { secretKey: string | undefined; dataDir: string }): Buffer;
export function loadMasterKey(options: { secretKey: string | undefined; dataDir: string }, mode: { mayCreate: boolean }): Buffer | undefined;
export function loadMasterKey(options: { secretKey: string | undefined; dataDir: string }, mode: { mayCreate: boolean } = { mayCreate: true }): Buffer | undefined {
  if (options.secretKey) return parseMasterKey(options.secretKey);
  const file = path.join(options.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    if (!mode.mayCreate) return undefined;
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8'));
}
