// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import { ApiError } from '../api/client';
import { testPage } from '../test/test-page';
import { MaskedValue } from './MaskedValue';

const page = testPage();

const MASKED = '452626********123X';
const FULL = '45262619650302123X';

const value = () => page.container.querySelector('[data-testid="id-value"]')?.textContent;
const button = () => page.container.querySelector<HTMLButtonElement>('[data-testid="id-reveal"]');

describe('MaskedValue', () => {
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

  it('replaces the masked value in place with the revealed one and reports it', async () => {
    const onReveal = vi.fn(async () => FULL);
    const onRevealed = vi.fn();
    page.render(<MaskedValue masked={MASKED} canReveal onReveal={onReveal} onRevealed={onRevealed} testId="id" />);
    expect(button()?.textContent).toContain('查看');
    await act(async () => {
      button()?.click();
    });
    expect(onReveal).toHaveBeenCalledTimes(1);
    expect(value()).toBe(FULL);
    expect(onRevealed).toHaveBeenCalledWith(FULL);
    expect(button()).toBeNull();
    expect(page.container.querySelector('[data-testid="id"]')?.getAttribute('data-revealed')).toBe('true');
  });

  it('keeps the masked value and reports the error when the server refuses', async () => {
    const refusal = new ApiError(403, { code: 'FORBIDDEN', detail: '您的角色不能查看完整身份证号' });
    const onError = vi.fn();
    page.render(
      <MaskedValue masked={MASKED} canReveal onReveal={() => Promise.reject(refusal)} onError={onError} testId="id" />,
    );
    await act(async () => {
      button()?.click();
    });
    expect(onError).toHaveBeenCalledWith(refusal);
    expect(value()).toBe(MASKED);
    expect(button()).not.toBeNull();
  });
});
