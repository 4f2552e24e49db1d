import i18n from 'i18next';

let loading: Promise<void> | null = null;

/**
 * The reason catalog (reasons.ts) is not in the first download: the signed-in shell and the public
 * application page load it before they render; the login page loads it when an error carries a reason.
 */
export function loadReasonTexts(): Promise<void> {
  loading ??= import('./reasons').then(({ reasonsZh, reasonsEn }) => {
    i18n.addResourceBundle('zh-CN', 'translation', { reasons: reasonsZh }, true, false);
    i18n.addResourceBundle('en', 'translation', { reasons: reasonsEn }, true, false);
  });
  return loading;
}
