// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { jsonResponse, testPage } from '../test/test-page';
import { LoginPage } from './LoginPage';

const page = testPage();

function type(el: HTMLInputElement, text: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the login form (a plain form, not antd Form)', () => {
  it('points out empty fields on submit, clears each as it is filled, and sends only a complete form', async () => {
    const fetch = vi.fn(async (input: string) =>
      input.includes('/api/auth/login')
        ? jsonResponse(401, { code: 'INVALID_CREDENTIALS', title: 'x', status: 401 })
        : jsonResponse(401, { code: 'UNAUTHENTICATED', status: 401 }),
    );
    vi.stubGlobal('fetch', fetch);
    page.render(<LoginPage />, '/login');
    await page.waitFor(() => page.byTestId('login-submit') !== null, 'the form');
    const logins = () => fetch.mock.calls.filter(([url]) => url.includes('/api/auth/login')).length;

    act(() => page.byTestId('login-submit')!.click());
    await page.waitFor(() => page.container.querySelectorAll('[role="alert"]').length === 2, 'both fields pointed out');
    expect(page.byTestId('login-username')!.getAttribute('aria-invalid')).toBe('true');
    expect(page.container.querySelector('#login-username-error')?.textContent).toBe('请输入用户名');
    expect(logins()).toBe(0);

    type(page.byTestId<HTMLInputElement>('login-username')!, 'village-mazhuang');
    await page.waitFor(
      () => page.container.querySelector('#login-username-error') === null,
      'the username error to clear',
    );
    expect(page.container.querySelector('#login-password-error')).not.toBeNull();

    type(page.byTestId<HTMLInputElement>('login-password')!, 'wrong password');
    act(() => page.byTestId('login-submit')!.click());
    await page.waitFor(() => logins() === 1, 'the login request');
  });

  it.each([
    ['zh-CN', '连续失败 5 次后账号将锁定 15 分钟'],
    ['en', 'After 5 failed attempts an account is locked for 15 minutes'],
  ])('a failed login says how many attempts lock the account and for how long (%s), from the reason and its params', async (language, text) => {
    await i18n.changeLanguage(language);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) =>
        input.includes('/api/auth/login')
          ? jsonResponse(401, { code: 'INVALID_CREDENTIALS', title: 'Wrong username or password', status: 401, detail: 'English for logs', reason: 'loginFailed', params: { maxFailures: 5, minutes: 15 } })
          : jsonResponse(401, { code: 'UNAUTHENTICATED', status: 401 }),
      ),
    );
    page.render(<LoginPage />, '/login');
    await page.waitFor(() => page.byTestId('login-submit') !== null, 'the form');
    type(page.byTestId<HTMLInputElement>('login-username')!, 'village-mazhuang');
    type(page.byTestId<HTMLInputElement>('login-password')!, 'wrong password');
    act(() => page.byTestId('login-submit')!.click());
    await page.waitFor(() => (page.container.textContent ?? '').includes(text), 'the lockout text');
    expect(page.container.textContent).not.toContain('English for logs');
    await i18n.changeLanguage('zh-CN');
  });

  it('signs in without crashing: the page leaves for the start page once the user is known', async () => {
    let isSignedIn = false;
    const user = { id: 'u1', username: 'village-mazhuang', displayName: '马庄村', role: 'village-cadre', regionCode: '451028201202', mustChangePassword: false, abilities: {} };
    const fetch = vi.fn(async (input: string) => {
      if (input.includes('/api/auth/login')) {
        isSignedIn = true;
        return jsonResponse(200, { user });
      }
      return isSignedIn ? jsonResponse(200, user) : jsonResponse(401, { code: 'UNAUTHENTICATED', status: 401 });
    });
    vi.stubGlobal('fetch', fetch);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    page.render(<LoginPage />, '/login');
    await page.waitFor(() => page.byTestId('login-submit') !== null, 'the form');
    type(page.byTestId<HTMLInputElement>('login-username')!, 'village-mazhuang');
    type(page.byTestId<HTMLInputElement>('login-password')!, 'Fangpin#2026');
    act(() => page.byTestId('login-submit')!.click());
    await page.waitFor(() => page.byTestId('login-submit') === null, 'the form to go');
    // A hook-order crash shows React Router's error page and logs React error #300.
    expect(page.container.textContent).not.toMatch(/Unexpected Application Error|hooks/i);
    expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).not.toMatch(/#300|fewer hooks/);
    errors.mockRestore();
  });
});
