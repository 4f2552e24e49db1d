import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../test/scratch-db.ts';
import { createCipher, keyFingerprint } from '../crypto/personal-data.ts';
import { openPersonalDataCipher } from './personal-data-key.ts';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-key-'));

/** A missing or different personal-data key is refused, never silently replaced (issue 10, item 7). */
describe('the personal-data key of a database', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase();
  }, 60_000);
  afterAll(async () => {
    await db.drop();
  });

  it('is created and recorded for a fresh install, then required: a missing or different key is refused with both fingerprints', async () => {
    const first = dataDir();
    const cipher = await openPersonalDataCipher(db.app, { secretKey: undefined, dataDir: first });
    expect(fs.statSync(path.join(first, 'secret.key')).mode & 0o777).toBe(0o600);
    expect((await db.app.query('SELECT fingerprint FROM personal_data_key')).rows).toEqual([{ fingerprint: cipher.fingerprint }]);
    expect((await openPersonalDataCipher(db.app, { secretKey: undefined, dataDir: first })).fingerprint).toBe(cipher.fingerprint);

    // The data directory without its key (a restore onto a new machine, a lost file): no new key.
    const empty = dataDir();
    await expect(openPersonalDataCipher(db.app, { secretKey: undefined, dataDir: empty })).rejects.toThrow(
      `encrypted with the key of fingerprint ${cipher.fingerprint}, and no key is configured (FANGPIN_SECRET_KEY unset, ${path.join(empty, 'secret.key')} missing)`,
    );
    expect(fs.existsSync(path.join(empty, 'secret.key'))).toBe(false);
    const other = Buffer.alloc(32, 5).toString('hex');
    await expect(openPersonalDataCipher(db.app, { secretKey: other, dataDir: empty })).rejects.toThrow(
      `The personal-data key in FANGPIN_SECRET_KEY (fingerprint ${keyFingerprint(Buffer.alloc(32, 5))}) is not the one this database's ID numbers and phones are encrypted with (fingerprint ${cipher.fingerprint})`,
    );
    // Nor can the application's role change the record.
    await expect(db.app.query(`UPDATE personal_data_key SET fingerprint = 'x'`)).rejects.toThrow('permission denied for table personal_data_key');
  });

  it('a database from before fingerprints: recorded on first start if the key opens its data, refused if not', async () => {
    await db.owner.query('DELETE FROM personal_data_key');
    const key = Buffer.alloc(32, 3);
    const cipher = createCipher(key);
    const { rows } = await db.owner.query<{ id: string }>(
      `INSERT INTO households (county_code, region_code, household_number, type, address) VALUES ('452226', '452226100201', '452226100201000001', 'ordinary', '') RETURNING id`,
    );
    await db.owner.query(
      `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation) VALUES ($1, '452226', '甲', $2, $3, '4522**', 'male', 1980, 'head')`,
      [rows[0]!.id, cipher.encrypt('452226198001010011'), cipher.blindIndex('452226198001010011')],
    );
    const wrong = Buffer.alloc(32, 4).toString('hex');
    await expect(openPersonalDataCipher(db.app, { secretKey: wrong, dataDir: dataDir() })).rejects.toThrow(/does not open this database's ID numbers and phones/);
    await expect(openPersonalDataCipher(db.app, { secretKey: undefined, dataDir: dataDir() })).rejects.toThrow(/holds encrypted ID numbers and phones, and no key is configured/);
    expect((await db.app.query('SELECT * FROM personal_data_key')).rows).toEqual([]);
    expect((await openPersonalDataCipher(db.app, { secretKey: key.toString('hex'), dataDir: dataDir() })).fingerprint).toBe(cipher.fingerprint);
    expect((await db.app.query('SELECT fingerprint FROM personal_data_key')).rows).toEqual([{ fingerprint: cipher.fingerprint }]);
  });
});
