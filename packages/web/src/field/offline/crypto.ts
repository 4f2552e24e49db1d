/**
 * The key that seals what the field app keeps offline (docs/field-app.md "A phone left behind").
 * A random AES-GCM key is made at sign-in and kept in this tab's sessionStorage only: it survives a
 * reload (the cadre's work stays readable offline) and dies with the tab, the browser session or
 * logout. Each page load imports it as a non-extractable CryptoKey; IndexedDB holds ciphertext only.
 */
const KEY_ITEM = 'fangpin-field-key';

let cached: CryptoKey | null = null;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export { fromBase64, toBase64 };

/** Makes a new session key (sign-in). */
export async function newSessionKey(): Promise<void> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  sessionStorage.setItem(KEY_ITEM, toBase64(raw));
  cached = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
}

/** The session key, or null when this tab has none (never signed in here, or the session ended). */
export async function sessionKey(): Promise<CryptoKey | null> {
  if (cached) return cached;
  const stored = sessionStorage.getItem(KEY_ITEM);
  if (!stored) return null;
  const raw = fromBase64(stored);
  cached = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return cached;
}

export function forgetSessionKey(): void {
  cached = null;
  sessionStorage.removeItem(KEY_ITEM);
}

export type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
