// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import { ApiError } from '../api/client';
import { testPage } from '../test/test-page';
import { MaskedValue } from './MaskedValue';

const page = testPage();

const MASKED = '452626***********X';
const FULL = '45262619650302123X';

const value = () => page.container.querySelector('[data-testid="id-value"]')?.textContent;
const button = () => page.container.querySelector<HTMLButtonElement>('[data-testid="id-reveal"]');
const confirm = () => page.byTestId<HTMLButtonElement>('reveal-confirm');
const reasonBox = () => page.byTestId<HTMLTextAreaElement>('reveal-reason');

function type(el: HTMLTextAreaElement, text: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(el: HTMLElement | null) {
  await act(async () => {
    el?.click();
  });
}

// The first antd Modal of a run builds its styles: slow on a busy machine.
describe('MaskedValue', { timeout: 20_000 }, () => {
  it('shows the masked value and no button when the role may not reveal', () => {
    page.render(<MaskedValue masked={MASKED} canReveal={false} onReveal={vi.fn()} testId="id" />);
    expect(value()).toBe(MASKED);
    expect(button()).toBeNull();
  });

  it('shows a dash for a missing value', () => {
    page.render(<MaskedValue masked={null} canReveal onReveal={vi.fn()} testId="id" />);
    expect(page.container.textContent).toBe('—');
    expect(button()).toBeNull();
  });

  it('asks for the reason first, then replaces the masked value in place and reports it', async () => {
    const onReveal = vi.fn(async () => FULL);
    const onRevealed = vi.fn();
    page.render(<MaskedValue masked={MASKED} canReveal onReveal={onReveal} onRevealed={onRevealed} testId="id" />);
    expect(button()?.textContent).toContain('查看');
    await click(button());
    await page.waitFor(() => page.byTestId('reveal-dialog') !== null, 'the reason dialog');
    expect(page.byTestId('reveal-dialog')?.textContent).toContain('请说明用途');
    // No reason, no reveal: the button stays disabled, even for one character.
    expect(confirm()?.disabled).toBe(true);
    type(reasonBox()!, '查');
    expect(confirm()?.disabled).toBe(true);
    expect(onReveal).not.toHaveBeenCalled();
    // A preset fills the reason; it can still be edited.
    await click(page.byTestId('reveal-preset-callback'));
    expect(reasonBox()?.value).toBe('电话回访');
    type(reasonBox()!, '电话回访，核对户主手机号');
    expect(confirm()?.disabled).toBe(false);
    await click(confirm());
    expect(onReveal).toHaveBeenCalledWith('电话回访，核对户主手机号');
    await page.waitFor(() => value() === FULL, 'the full value');
    expect(onRevealed).toHaveBeenCalledWith(FULL);
    expect(button()).toBeNull();
    expect(page.container.querySelector('[data-testid="id"]')?.getAttribute('data-revealed')).toBe('true');
  });

  it('keeps the masked value and reports the error when the server refuses', async () => {
    const refusal = new ApiError(403, { code: 'FORBIDDEN', detail: '您的角色不能查看完整身份证号' });
    const onError = vi.fn();
    page.render(<MaskedValue masked={MASKED} canReveal onReveal={() => Promise.reject(refusal)} onError={onError} testId="id" />);
    await click(button());
    await page.waitFor(() => reasonBox() !== null, 'the reason box');
    type(reasonBox()!, '核对身份');
    await click(confirm());
    await page.waitFor(() => onError.mock.calls.length === 1, 'the error');
    expect(onError).toHaveBeenCalledWith(refusal);
    expect(value()).toBe(MASKED);
    expect(button()).not.toBeNull();
  });

  it('says in the dialog when the hourly limit is reached, and when to try again', async () => {
    const limited = new ApiError(429, {
      code: 'RATE_LIMITED',
      detail: 'Too many reveals of a full ID number or phone (at most 60 per 60 minutes); try again in 12 minute(s)',
      reason: 'revealLimited',
      params: { max: 60, windowMinutes: 60, minutes: 12 },
    });
    const onError = vi.fn();
    page.render(<MaskedValue masked={MASKED} canReveal onReveal={() => Promise.reject(limited)} onError={onError} testId="id" />);
    await click(button());
    await page.waitFor(() => reasonBox() !== null, 'the reason box');
    type(reasonBox()!, '核对身份');
    await click(confirm());
    // The reason's text comes with the reason catalog, loaded on demand.
    await page.waitFor(() => page.byTestId('reveal-refused')?.textContent?.includes('分钟后再试') === true, 'the refusal');
    expect(page.byTestId('reveal-refused')?.textContent).toContain('每 60 分钟最多 60 次），请 12 分钟后再试');
    expect(onError).not.toHaveBeenCalled();
    expect(value()).toBe(MASKED);
  });
});
