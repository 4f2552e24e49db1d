import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_NAMESPACES } from '../i18n/resources';

/**
 * Every route loads, before its page renders, the catalogs (i18n/resources.ts) that the page and
 * everything it imports read: a key of a catalog nobody loaded shows as the raw key
 * ("monitoring.status.monitored") in the running app, which no typecheck sees. The pages under the
 * signed-in shell also have what the shell loads (the side bar's menus).
 */
const SRC = path.resolve(import.meta.dirname, '..');
const routerSource = readFileSync(path.join(SRC, 'app/router.tsx'), 'utf8');

/** Modules that load a catalog themselves when they need it. */
const SELF_LOADED: Record<string, string[]> = {
  // useDescribedError loads `reasons` when an error carries one (the login page).
  'ui/problem.ts': ['reasons'],
};

function resolveModule(fromFile: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The namespaces whose keys the module and what it imports (statically or on demand) read. */
function namespacesRead(entry: string): Map<string, string> {
  const found = new Map<string, string>(); // namespace → first file that reads it
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const relative = path.relative(SRC, file);
    // The catalogs themselves and the loader are not pages.
    if (relative.startsWith('i18n/')) continue;
    const source = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of source.matchAll(
      /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'|import\('(\.[^']+)'\)/g,
    )) {
      const target = resolveModule(file, (m[1] ?? m[2])!);
      if (target) queue.push(target);
    }
    for (const ns of TEXT_NAMESPACES) {
      if (SELF_LOADED[relative]?.includes(ns)) continue;
      if (new RegExp(`['"\`]${ns}\\.[A-Za-z$]`).test(source) && !found.has(ns)) found.set(ns, relative);
    }
  }
  return found;
}

type Route = { page: string; texts: string[]; underShell: boolean };

function routes(): Route[] {
  const out: Route[] = [];
  const shellAt = routerSource.indexOf("import('./AuthedShell')");
  for (const m of routerSource.matchAll(/page\(\s*\(\) => import\('([^']+)'\),\s*'\w+'(?:,\s*\[([^\]]*)\])?,?\s*\)/g)) {
    out.push({
      page: m[1]!,
      texts: [...(m[2] ?? '').matchAll(/'(\w+)'/g)].map((t) => t[1]!),
      underShell: m.index > shellAt,
    });
  }
  return out;
}

describe('every route loads the catalogs its pages read', () => {
  const all = routes();
  const shell = all.find((r) => r.page === './AuthedShell');

  it('finds the routes in app/router.tsx', () => {
    // A route written another way would escape the check below.
    expect(shell).toBeDefined();
    expect(all.map((r) => r.page)).toEqual(
      expect.arrayContaining(['../auth/LoginPage', '../apply/ApplyPage', '../cases/CasePage']),
    );
    expect(routerSource.match(/import\('/g)?.length).toBe(all.length);
  });

  it.each(routes().map((r) => [r.page, r] as const))('%s', (_page, route) => {
    const loaded = new Set([...route.texts, ...(route.underShell ? shell!.texts : [])]);
    const missing = [...namespacesRead(resolveModule(path.join(SRC, 'app/router.tsx'), route.page)!)]
      .filter(([ns]) => !loaded.has(ns))
      .map(([ns, file]) => `${ns} (read in ${file})`);
    expect(missing).toEqual([]);
  });

  it('the check sees a namespace a page reads', () => {
    expect([...namespacesRead(path.join(SRC, 'monitoring/MonitoringListPage.tsx')).keys()]).toContain('monitoring');
  });
});
