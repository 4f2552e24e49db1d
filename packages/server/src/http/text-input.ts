import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { UNSTORABLE_CHAR, UNSTORABLE_CHARS } from '../unstorable-text.ts';

/**
 * The first string in `value` (an object, array or string, at any depth) holding a character no
 * text may hold (unstorable-text.ts): its field path and the character. Walked with a stack of its
 * own, not recursion (a body nested 100,000 deep overflowed the call stack: 500), each node linked to
 * its parent so a path is only spelled out for the string found (copying it at every level took
 * quadratic time on such a body).
 */
export function findForbiddenText(value: unknown): { field: string; char: string } | undefined {
  type Node = { value: unknown; key: string | undefined; parent: Node | undefined; isProperty: boolean };
  const pathOf = (node: Node, last?: string): string => {
    const keys: string[] = last === undefined ? [] : [last];
    for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.');
  };
  const stack: Node[] = [{ value, key: undefined, parent: undefined, isProperty: false }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // A property's name is checked before its value, in the order the body holds them.
    if (node.isProperty) {
      const inKey = UNSTORABLE_CHAR.exec(node.key!);
      if (inKey) return { field: pathOf(node.parent!, node.key!.replace(UNSTORABLE_CHARS, '?')), char: inKey[0] };
    }
    const item = node.value;
    if (typeof item === 'string') {
      const m = UNSTORABLE_CHAR.exec(item);
      if (m) return { field: pathOf(node), char: m[0] };
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], key: String(i), parent: node, isProperty: false });
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      const keys = Object.keys(item);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (item as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: node, isProperty: true });
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
