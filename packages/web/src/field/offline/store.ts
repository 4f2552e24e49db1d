import { seal, sessionKey, unseal, type Sealed } from './crypto.ts';

/**
 * The field app's IndexedDB: one object store of sealed records (AES-GCM with the session key,
 * offline/crypto.ts). Keys name what is stored: `snapshot`, `outbox`, `drafts`.
 */
export const DB_NAME = 'fangpin-field';
const STORE = 'sealed';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
  });
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result as T);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB'));
        };
      }),
  );
}

export async function putSealed(name: string, value: unknown): Promise<void> {
  const key = await sessionKey();
  if (!key) throw new Error('no session key');
  const sealed = await seal(key, value);
  await run('readwrite', (s) => s.put(sealed, name));
}

export async function getSealed<T>(name: string): Promise<T | undefined> {
  const key = await sessionKey();
  if (!key) return undefined;
  const sealed = await run<Sealed | undefined>('readonly', (s) => s.get(name));
  return sealed ? unseal<T>(key, sealed) : undefined;
}

/** Deletes the whole database (logout, or a tab whose session key is gone). */
export function wipe(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}
