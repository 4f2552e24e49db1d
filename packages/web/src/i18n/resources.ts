import i18n from 'i18next';

/**
 * The catalogs that are not in the first download, by namespace (key prefix): each is loaded, in
 * both languages, by the route that needs it before the page renders (app/router.tsx), never as a
 * side effect of an import. The login page downloads none of them; it loads `reasons` only when an
 * error carries a reason (ui/problem.ts).
 */
const LOADERS = {
  /** The text of every problem `reason` (reasons.ts). */
  reasons: () => import('./reasons').then((m) => ({ zh: m.reasonsZh, en: m.reasonsEn })),
  /** The public self-application and its posters (apply/messages.ts). */
  apply: () => import('../apply/messages').then((m) => ({ zh: m.applyZh, en: m.applyEn })),
  /** Account administration (admin/messages.ts). */
  users: () => import('../admin/messages').then((m) => ({ zh: m.usersZh, en: m.usersEn })),
} as const;

export type TextNamespace = keyof typeof LOADERS;

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
        loading.set(ns, p);
      }
      return p;
    }),
  ).then(() => undefined);
}
