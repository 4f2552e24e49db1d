import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One i18n mechanism (docs/ARCHITECTURE.md "Texts"): a feature's catalog is a plain module of texts
 * that packages/web/src/i18n/resources.ts loads for the routes that need it. A catalog that adds
 * itself to i18next when imported (`addResourceBundle` as a side effect) would be loaded by
 * whichever page happens to import it first, and missing on the others.
 */
const WEB = path.resolve(import.meta.dirname, '../packages/web/src');
/** The loader, and the initial catalogs (Chinese built in, English on demand). */
const ALLOWED = new Set(['i18n/resources.ts', 'i18n/index.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The web source files (tests aside) that register a catalog outside the resources module. */
export function selfRegistering(files: { name: string; text: string }[]): string[] {
  return files.filter((f) => !ALLOWED.has(f.name) && /\baddResourceBundle\s*\(/.test(f.text)).map((f) => f.name);
}

describe('feature catalogs do not register themselves', () => {
  it('no addResourceBundle outside i18n/resources.ts and i18n/index.ts', () => {
    const files = sources(WEB).map((full) => ({
      name: path.relative(WEB, full).split(path.sep).join('/'),
      text: readFileSync(full, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(selfRegistering(files)).toEqual([]);
  });

  it('the check sees a catalog that registers itself', () => {
    const text = `import i18n from '../i18n';\ni18n.addResourceBundle('zh-CN', 'translation', { stats: statsZh }, true, false);`;
    expect(
      selfRegistering([
        { name: 'stats/i18n.ts', text },
        { name: 'i18n/resources.ts', text },
      ]),
    ).toEqual(['stats/i18n.ts']);
  });
});
