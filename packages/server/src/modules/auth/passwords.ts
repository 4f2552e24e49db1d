import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { describePasswordProblems, passwordProblems } from '@fangpin/domain';
import { AppError } from '../../errors.ts';
import { DEMO_PASSWORD } from '../demo/demo-accounts.ts';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 iterations). */
// `Algorithm` is an ambient const enum (unusable under verbatimModuleSyntax): 2 is Algorithm.Argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the username does not exist, so response time does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

/** argon2 verification; without a stored hash (unknown user) it verifies against a dummy hash, as slowly, and fails. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash(crypto.randomBytes(16).toString('hex'), OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** Whether the password is the demo accounts' published one (README): such an account is a demo account. */
export function isPublishedPassword(password: string): boolean {
  return password === DEMO_PASSWORD;
}

/**
 * Applies the password policy (domain `passwordProblems`: length, not the username, not common) to
 * a password about to be stored; a refusal is a 400 on `field` with every reason, in both languages.
 */
export function assertPasswordAllowed(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, { username });
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', describePasswordProblems(problems), { field, extra: { reasons: problems.map((p) => p.code) } });
  }
}

/** A one-time password an administrator reads to the person (reset): 3 groups of 4 unambiguous characters. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
