import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems, type PasswordProblemCode, type ProblemReason } from '@fangpin/domain';
import { AppError } from '../../errors.ts';
import { DEMO_PASSWORD } from '../demo/demo-accounts.ts';

/** The reason a person reads for each problem of the password policy. */
const PASSWORD_REASONS = {
  tooShort: 'passwordTooShort',
  tooLong: 'passwordTooLong',
  containsUsername: 'passwordContainsUsername',
  common: 'passwordCommon',
  pattern: 'passwordPattern',
} as const satisfies Record<PasswordProblemCode, ProblemReason>;

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
 * a password about to be stored; a refusal is a 400 on `field`: the first problem's reason, and every problem's code in `extra.reasons`.
 */
export function assertPasswordAllowed(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, { username });
  if (problems.length > 0) {
    // The first problem is the reason a person reads; `extra.reasons` lists every problem's code for API users.
    const first = problems[0]!.code;
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.en).join('; '), { field, reason: PASSWORD_REASONS[first], params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }, extra: { reasons: problems.map((p) => p.code) } });
  }
}

/** A one-time password an administrator reads to the person (reset): 3 groups of 4 unambiguous characters. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
