import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { ApiError, apiFetch } from '../api/client';
import { loadTexts } from '../i18n/resources';
import { describeError } from './problem';

describe('describeError', () => {
  const t = i18n.getFixedT('zh-CN');

  it('titles the error by its code and explains it by its reason, filled from params, in both languages', async () => {
    await loadTexts('reasons');
    i18n.addResourceBundle('en', 'translation', (await import('../i18n/en')).en, true, false);
    const error = new ApiError(422, {
      code: 'WORKFLOW_REFUSED',
      detail: 'The public notice runs at least 5 days; it may close from 2026-03-10',
      reason: 'noticePeriodNotOver',
      params: { noticeDays: 5, endsOn: '2026-03-10' },
    });
    expect(describeError(t, error, 'zh-CN')).toEqual({ title: '程序不允许此操作', detail: '公示期不少于 5 天，2026-03-10 起方可结束公示' });
    expect(describeError(i18n.getFixedT('en'), error, 'en')).toEqual({
      title: 'The procedure does not allow this',
      detail: 'The public notice runs at least 5 days; it may close from 2026-03-10',
    });
  });

  it('never shows the server’s English detail to a Chinese reader', () => {
    const error = new ApiError(400, { code: 'VALIDATION_FAILED', detail: 'body/version: Expected number, received string' });
    expect(describeError(t, error, 'zh-CN')).toEqual({ title: '提交的数据有误', detail: '' });
    expect(describeError(i18n.getFixedT('en'), error, 'en').detail).toBe('body/version: Expected number, received string');
  });

  it('falls back to the server title for a code this app does not know', () => {
    const error = new ApiError(409, { code: 'VERSION_CONFLICT' as 'CONFLICT', title: 'Changed by someone else', detail: '' });
    expect(describeError(t, error, 'zh-CN').title).toBe('Changed by someone else');
  });

  describe('when the request never reaches the server', () => {
    afterEach(() => vi.unstubAllGlobals());

    it.each([
      ['zh-CN', '网络连接失败，请检查网络后重试'],
      ['en', 'Network connection failed; check the network and try again'],
    ])('says so in %s, not the browser’s "Failed to fetch"', async (language, expected) => {
      i18n.addResourceBundle('en', 'translation', (await import('../i18n/en')).en, true, false);
      vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const error = await apiFetch('/api/cases').catch((e: unknown) => e);
      expect(describeError(i18n.getFixedT(language), error, language)).toEqual({ title: expected, detail: '' });
    });

    it('an error that is not the server’s shows no English library text', () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      expect(describeError(t, new TypeError('Cannot read properties of undefined'), 'zh-CN')).toEqual({ title: '出错了', detail: '' });
    });
  });
});
