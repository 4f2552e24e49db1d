import type pg from 'pg';
import { createCipher, keyFingerprint, loadMasterKey, masterKeySource, type PersonalDataCipher } from '../crypto/personal-data.ts';

type KeyOptions = { secretKey: string | undefined; dataDir: string };

/** The fingerprint of the key this database's personal data is encrypted with, if recorded. */
export async function recordedKeyFingerprint(tx: pg.Pool | pg.PoolClient): Promise<string | undefined> {
  const { rows } = await tx.query<{ fingerprint: string }>('SELECT fingerprint FROM personal_data_key');
  return rows[0]?.fingerprint;
}

/** Whether the database holds any value encrypted with the personal-data key. */
export async function holdsEncryptedData(tx: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await tx.query<{ isFound: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM households WHERE phone_enc IS NOT NULL) AS "isFound"`,
  );
  return rows[0]!.isFound;
}

/** Whether `cipher` opens the database's encrypted values (one ID number and one phone, when there are any). */
export async function canDecryptStoredData(tx: pg.Pool | pg.PoolClient, cipher: PersonalDataCipher): Promise<boolean> {
  const { rows } = await tx.query<{ sealed: Buffer }>(
    `(SELECT id_enc AS sealed FROM members LIMIT 1) UNION ALL (SELECT phone_enc FROM households WHERE phone_enc IS NOT NULL LIMIT 1)`,
  );
  try {
    for (const r of rows) cipher.decrypt(r.sealed);
    return true;
  } catch {
    return false;
  }
}

/**
 * The personal-data cipher for this database, checked against the fingerprint the database
 * recorded: a missing key is created only for a database that has none recorded and holds no
 * encrypted data (a fresh install), and is recorded then; a different or missing key for a database
 * that has one is refused, naming both fingerprints, instead of silently writing with a new key.
 */
export async function openPersonalDataCipher(pool: pg.Pool, options: KeyOptions): Promise<PersonalDataCipher> {
  const recorded = await recordedKeyFingerprint(pool);
  const isFresh = !recorded && !(await holdsEncryptedData(pool));
  const key = loadMasterKey(options, { mayCreate: isFresh });
  const source = masterKeySource(options);
  if (!key) {
    throw new Error(
      recorded
        ? `This database's ID numbers and phones are encrypted with the key of fingerprint ${recorded}, and no key is configured ` +
            `(FANGPIN_SECRET_KEY unset, ${source} missing). Put that key back in ${source} (or FANGPIN_SECRET_KEY); ` +
            `a new key would make the stored personal data unreadable.`
        : `This database holds encrypted ID numbers and phones, and no key is configured (FANGPIN_SECRET_KEY unset, ${source} missing). ` +
            `Put the key they were encrypted with in ${source} (or FANGPIN_SECRET_KEY).`,
    );
  }
  const fingerprint = keyFingerprint(key);
  if (recorded && recorded !== fingerprint) {
    throw new Error(
      `The personal-data key in ${source} (fingerprint ${fingerprint}) is not the one this database's ID numbers and phones ` +
        `are encrypted with (fingerprint ${recorded}). Put the matching key in ${source} (or FANGPIN_SECRET_KEY).`,
    );
  }
  const cipher = createCipher(key);
  if (!recorded) {
    // A database from before fingerprints were recorded: the key must open what it holds.
    if (!isFresh && !(await canDecryptStoredData(pool, cipher))) {
      throw new Error(
        `The personal-data key in ${source} (fingerprint ${fingerprint}) does not open this database's ID numbers and phones. ` +
          `Put the key they were encrypted with in ${source} (or FANGPIN_SECRET_KEY).`,
      );
    }
    await pool.query('INSERT INTO personal_data_key (fingerprint) VALUES ($1) ON CONFLICT DO NOTHING', [fingerprint]);
    const now = await recordedKeyFingerprint(pool);
    if (now !== fingerprint) throw new Error(`Another process recorded the personal-data key ${now} meanwhile; this one is ${fingerprint}.`);
  }
  return cipher;
}
