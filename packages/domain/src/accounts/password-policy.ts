/**
 * The password policy for every account (issue #10 item 4): long enough, not the username, not a
 * password from the lists attackers try first. Pure: the server applies it on every password it
 * stores, the web app shows the same reasons while the person types.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Shortest accepted password, in characters (NIST SP 800-63B asks for at least 8; we ask 10). */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest accepted password (the login form accepts no more). */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a password is refused:
 * - `tooShort` / `tooLong`: outside PASSWORD_MIN_LENGTH…PASSWORD_MAX_LENGTH characters;
 * - `containsUsername`: the username is in it (the first thing tried against an account);
 * - `common`: a common password, possibly with a few digits or symbols added (COMMON_PASSWORDS);
 * - `pattern`: one character repeated, or a run such as 1234567890 or abcdefghij.
 */
export type PasswordProblemCode = 'tooShort' | 'tooLong' | 'containsUsername' | 'common' | 'pattern';

export type PasswordProblem = { code: PasswordProblemCode; zh: string; en: string };

const MESSAGES: Record<PasswordProblemCode, { zh: string; en: string }> = {
  tooShort: { zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位`, en: `Password must be at least ${PASSWORD_MIN_LENGTH} characters` },
  tooLong: { zh: `密码最多 ${PASSWORD_MAX_LENGTH} 位`, en: `Password must be at most ${PASSWORD_MAX_LENGTH} characters` },
  containsUsername: { zh: '密码不能包含用户名', en: 'Password must not contain the username' },
  common: { zh: '这是常见密码，容易被猜中，请换一个', en: 'This is a common password that is easily guessed; choose another' },
  pattern: { zh: '密码不能是重复或连续的字符', en: 'Password must not be a repeated or consecutive run of characters' },
};

/** Lower case, letters and digits only: "Fangpin#2026" and "fangpin2026" are the same password to an attacker. */
function normalized(password: string): string {
  return password.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Whether the password is a common one (COMMON_PASSWORDS), compared without case and symbols, also
 * when up to four digits follow it ("Admin@2026", "qwertyuiop123", "woaini1314520").
 */
export function isCommonPassword(password: string): boolean {
  const plain = normalized(password);
  if (COMMON_PASSWORDS.has(plain)) return true;
  for (let digits = 1; digits <= 4 && digits < plain.length; digits++) {
    const tail = plain.slice(-digits);
    if (!/^\d+$/.test(tail)) break;
    const head = plain.slice(0, -digits);
    if (head.length >= 4 && COMMON_PASSWORDS.has(head)) return true;
  }
  return false;
}

const RUNS = ['01234567890123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'].flatMap((run) => [run, [...run].reverse().join('')]);

/** One character repeated, or a run of the digit row, the alphabet or the keyboard's letter rows (either way). */
function isRepeatOrRun(password: string): boolean {
  const chars = [...password.toLowerCase()];
  if (chars.length < 2) return false;
  if (chars.every((c) => c === chars[0])) return true;
  const plain = chars.join('');
  return RUNS.some((run) => run.includes(plain));
}

/**
 * Every reason the password is refused (empty when it is accepted), in the order shown to the person.
 * `username` is the account's own username (when known: creating or changing an account).
 */
export function passwordProblems(password: string, context: { username?: string | undefined } = {}): PasswordProblem[] {
  const codes: PasswordProblemCode[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) codes.push('tooShort');
  if (length > PASSWORD_MAX_LENGTH) codes.push('tooLong');
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && password.toLowerCase().includes(username)) codes.push('containsUsername');
  if (isCommonPassword(password)) codes.push('common');
  else if (isRepeatOrRun(password)) codes.push('pattern');
  return codes.map((code) => ({ code, ...MESSAGES[code] }));
}

/** The reasons as one sentence per language, "English / 中文" as the API's problem details are written. */
export function describePasswordProblems(problems: readonly PasswordProblem[]): string {
  return `${problems.map((p) => p.en).join('; ')} / ${problems.map((p) => p.zh).join('；')}`;
}
