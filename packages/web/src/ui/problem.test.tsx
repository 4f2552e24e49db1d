import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { ApiError, apiFetch } from '../api/client';
import { describeError, localizedDetail } from './problem';

describe('localizedDetail', () => {
  const detail =
    'Too many failed logins: locked for 15 more minute(s) / 登录失败次数过多，账号已锁定，请 15 分钟后再试';
  it.each([
    ['zh-CN', '登录失败次数过多，账号已锁定，请 15 分钟后再试'],
    ['en', 'Too many failed logins: locked for 15 more minute(s)'],
  ])('picks the %s half of "English / 中文"', (language, expected) => {
    expect(localizedDetail(detail, language)).toBe(expected);
  });

  it('leaves other details alone', () => {
    expect(localizedDetail('only one language', 'zh-CN')).toBe('only one language');
    expect(localizedDetail('a / b / c', 'en')).toBe('a / b / c');
  });
});

describe('describeError', () => {
  const t = i18n.getFixedT('zh-CN');

  it('titles the error by its code and keeps the server detail', () => {
    const error = new ApiError(403, {
      code: 'PASSWORD_CHANGE_REQUIRED',
      title: 'Choose a new password first',
      detail: 'Choose a new password before you continue / 请先修改密码再继续操作',
    });
    expect(describeError(t, error, 'zh-CN')).toEqual({
      title: '请先修改密码',
      detail: '请先修改密码再继续操作',
    });
  });

  it('drops a detail that only repeats the title', () => {
    const error = new ApiError(401, {
      code: 'INVALID_CREDENTIALS',
      detail: 'Wrong username or password / 用户名或密码错误',
    });
    expect(describeError(t, error, 'zh-CN')).toEqual({ title: '用户名或密码错误', detail: '' });
  });

  it('falls back to the server title for an unknown code', () => {
    const error = new ApiError(409, { code: 'VERSION_CONFLICT', title: 'Changed by someone else', detail: '' });
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
