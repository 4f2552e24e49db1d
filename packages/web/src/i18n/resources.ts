import i18n from 'i18next';

/**
 * Every catalog that is not in the first download, by namespace (key prefix): each is loaded, in
 * both languages, by the route that needs it before the page renders (app/router.tsx), never as a
 * side effect of an import (tooling/i18n-resources.test.ts fails on an `addResourceBundle` anywhere
 * else). The login page downloads none of them; it loads `reasons` only when an error carries a
 * reason (ui/problem.ts).
 */
const LOADERS = {
  /** The text of every problem `reason` (reasons.ts). */
  reasons: () => import('./reasons').then((m) => ({ zh: m.reasonsZh, en: m.reasonsEn })),
  /** The public self-application and its posters (apply/messages.ts). */
  apply: () => import('../apply/messages').then((m) => ({ zh: m.applyZh, en: m.applyEn })),
  /** Account administration (admin/messages.ts). */
  users: () => import('../admin/messages').then((m) => ({ zh: m.usersZh, en: m.usersEn })),
  /** Identification: 待办, 案件, 案件详情, 公示打印 (cases/messages.ts). */
  cases: () => import('../cases/messages').then((m) => ({ zh: m.casesZh, en: m.casesEn })),
  /** Monitoring objects and helper visits, one namespace from two files (monitoring/messages.ts, visit-messages.ts). */
  monitoring: () =>
    Promise.all([import('../monitoring/messages'), import('../monitoring/visit-messages')]).then(([m, v]) => ({
      zh: merged(m.monitoringZh, v.visitsZh),
      en: merged(m.monitoringEn, v.visitsEn),
    })),
  /** Risk elimination and rollback (monitoring/elimination-messages.ts). */
  elimination: () => import('../monitoring/elimination-messages').then((m) => ({ zh: m.eliminationZh, en: m.eliminationEn })),
  /** The statistics page (stats/messages.ts). */
  stats: () => import('../stats/messages').then((m) => ({ zh: m.statsZh, en: m.statsEn })),
  /** Department data: import, batches, sources (department/messages.ts). */
  department: () => import('../department/messages').then((m) => ({ zh: m.departmentZh, en: m.departmentEn })),
  /** Visit reports (走访记录) and their review (visits/messages.ts). */
  visits: () => import('../visits/messages').then((m) => ({ zh: m.visitsZh, en: m.visitsEn })),
  /** The hotline desk and records, and the intake menu of the side bar (hotline/messages.ts). */
  hotline: () => import('../hotline/messages').then((m) => ({ zh: m.hotlineZh, en: m.hotlineEn })),
} as const;

export type TextNamespace = keyof typeof LOADERS;

/** The namespaces, for the test that checks every route loads what its pages read. */
export const TEXT_NAMESPACES = Object.keys(LOADERS) as TextNamespace[];

type Catalog = { [key: string]: string | Catalog };

/** Two catalogs of one namespace as one (a key in both keeps its sub-keys from both). */
function merged(a: object, b: object): Catalog {
  const out: Catalog = { ...(a as Catalog) };
  for (const [key, value] of Object.entries(b as Catalog)) {
    const prior = out[key];
    out[key] = typeof prior === 'object' && typeof value === 'object' ? merged(prior, value) : value;
  }
  return out;
}

const loading = new Map<TextNamespace, Promise<void>>();

/** Loads the namespaces' catalogs (once each) into both languages. */
export function loadTexts(...namespaces: TextNamespace[]): Promise<void> {
  return Promise.all(
    namespaces.map((ns) => {
      let p = loading.get(ns);
      if (!p) {
        p = LOADERS[ns]().then(({ zh, en }) => {
          i18n.addResourceBundle('zh-CN', 'translation', { [ns]: zh }, true, false);
          i18n.addResourceBundle('en', 'translation', { [ns]: en }, true, false);
        });
        // A failed download (a dropped connection) may be tried again by the next route.
        p.catch(() => loading.delete(ns));
        loading.set(ns, p);
      }
      return p;
    }),
  ).then(() => undefined);
}
