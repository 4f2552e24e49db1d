import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * The server writes `detail` as "English / 中文". Pick the half in the reader's language; a detail
 * without that shape is returned unchanged.
 */
export function localizedDetail(detail: string, language: string): string {
  const parts = detail.split(' / ');
  if (parts.length !== 2) return detail;
  const [first = '', second = ''] = parts;
  const zh = HAS_CJK.test(second) ? second : HAS_CJK.test(first) ? first : null;
  const en = zh === second ? first : zh === first ? second : null;
  if (zh === null || en === null) return detail;
  return language === 'en' ? en.trim() : zh.trim();
}

/**
 * The message a person should read for an error: the text for the server's code (in the reader's
 * language) as the title, and the server's `detail` as the explanation when it adds something.
 */
export function describeError(t: TFunction, error: unknown, language = 'zh-CN'): { title: string; detail: string } {
  if (isApiError(error)) {
    const title = t(`errors.${error.code}`, { defaultValue: error.title || t('errors.generic') });
    const detail = error.detail ? localizedDetail(error.detail, language) : '';
    return { title, detail: detail && detail !== title ? detail : '' };
  }
  // Not from the server: the browser's or a library's English message is not for the reader.
  if (error instanceof Error) console.warn(error);
  return { title: t('errors.generic'), detail: '' };
}
