import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { UNSTORABLE_CHAR, UNSTORABLE_CHARS } from '../unstorable-text.ts';

/** The first string in `value` (an object, array or string, at any depth) holding a character no text may hold (unstorable-text.ts): its field path and the character. */
export function findForbiddenText(value: unknown, path: string[] = []): { field: string; char: string } | undefined {
  if (typeof value === 'string') {
    const m = UNSTORABLE_CHAR.exec(value);
    return m ? { field: path.join('.'), char: m[0] } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const inKey = UNSTORABLE_CHAR.exec(key);
      if (inKey) return { field: [...path, key.replace(UNSTORABLE_CHARS, '?')].join('.'), char: inKey[0] };
      const found = findForbiddenText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The one place every request's JSON body, query string and route parameters are checked for the
 * characters no text may hold (unstorable-text.ts: NUL made PostgreSQL answer 500, even on the login
 * and public application forms; U+FFFF in a name broke the call-record export for good), before
 * validation and before any handler (public ones too): 400 VALIDATION_FAILED naming the field and the character.
 */
export async function refuseForbiddenText(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
    const found = findForbiddenText(value);
    if (!found) continue;
    const field = found.field || part;
    throw new AppError(
      'VALIDATION_FAILED',
      `${field}: contains a character that cannot be stored (${codePoint(found.char)}); remove it and try again / “${field}”中含有无法保存的字符（${codePoint(found.char)}），请删除后重试`,
      { field },
    );
  }
}
