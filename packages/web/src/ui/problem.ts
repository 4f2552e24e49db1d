import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemParams } from '@fangpin/domain';
import { isApiError } from '../api/client';
import i18n from '../i18n';
import { loadTexts } from '../i18n/resources';

/** Lists in params read as one phrase ("、" in Chinese, "; " in English). */
function interpolation(params: ProblemParams | undefined, language: string): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(params ?? {})) out[name] = Array.isArray(value) ? value.join(language === 'en' ? '; ' : '、') : (value as string | number | boolean | null);
  return out;
}

/**
 * The message a person should read for an error: the text for the server's `code` (in the reader's
 * language) as the title, and the text for its `reason` filled from `params` as the explanation.
 * The server's English `detail` is for logs and API users; an English reader sees it only when the
 * error has no reason.
 */
export function describeError(t: TFunction, error: unknown, language = 'zh-CN'): { title: string; detail: string } {
  if (isApiError(error)) {
    const title = t(`errors.${error.code}`, { defaultValue: error.title || t('errors.generic') });
    let detail = '';
    if (error.reason && i18n.exists(`reasons.${error.reason}`)) detail = t(`reasons.${error.reason}`, interpolation(error.params, language));
    else if (language === 'en' && error.detail && !error.reason) detail = error.detail;
    return { title, detail: detail && detail !== title ? detail : '' };
  }
  // Not from the server: the browser's or a library's English message is not for the reader.
  if (error instanceof Error) console.warn(error);
  return { title: t('errors.generic'), detail: '' };
}

/**
 * describeError for a component: when the error carries a reason whose text is not loaded yet (the
 * login page), it loads the reason catalog and renders again.
 */
export function useDescribedError(t: TFunction, error: unknown, language: string): { title: string; detail: string } | null {
  const [, setLoaded] = useState(0);
  const reason = isApiError(error) ? error.reason : undefined;
  useEffect(() => {
    if (reason && !i18n.exists(`reasons.${reason}`)) void loadTexts('reasons').then(() => setLoaded((n) => n + 1));
  }, [reason]);
  return error ? describeError(t, error, language) : null;
}

/**
 * One line for a toast or a short inline text: "title：detail" in Chinese, "title: detail" in
 * English; with a lead ("上传失败"), the lead and then the most specific text.
 */
export function problemLine(t: TFunction, error: unknown, language: string, lead?: string): string {
  const { title, detail } = describeError(t, error, language);
  const separator = language === 'en' ? ': ' : '：';
  if (lead) return `${lead}${separator}${detail || title}`;
  return detail ? `${title}${separator}${detail}` : title;
}

/** problemLine bound to the reader's language, for event handlers that keep a text in state. */
export function useProblemLine(): (error: unknown, lead?: string) => string {
  const { t, i18n } = useTranslation();
  return (error, lead) => problemLine(t, error, i18n.language, lead);
}
