// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import type { ProblemParams, ProblemReason } from '@fangpin/domain';
import type { Lang } from './i18n';
import { fillReason, ProblemText } from './ProblemText';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function shown(lang: Lang, reason: ProblemReason | undefined, params: ProblemParams | undefined, fallback: string): Promise<string> {
  const host = document.createElement('div');
  const root = createRoot(host);
  await act(async () => root.render(<ProblemText lang={lang} reason={reason} params={params} fallback={fallback} />));
  if (reason) await vi.waitFor(() => expect(host.textContent).not.toBe(fallback));
  const text = host.textContent ?? '';
  act(() => root.unmount());
  return text;
}

describe('the field app writes a refusal from the reason catalog', () => {
  it('in Chinese and in English, filled from the params', async () => {
    expect(await shown('zh-CN', 'photoTooLarge', { maxMb: 10 }, 'The photo is larger than 10 MB')).toBe('照片超过 10 MB');
    expect(await shown('en', 'caseMovedOn', undefined, 'x')).toBe('The case moved on since the phone saw it');
  });
  it('shows the server detail when there is no reason', async () => {
    expect(await shown('zh-CN', undefined, undefined, 'HTTP 500')).toBe('HTTP 500');
  });
  it('joins lists as one phrase in each language', () => {
    expect(fillReason('{{a}}', { a: ['x', 'y'] }, 'zh-CN')).toBe('x、y');
    expect(fillReason('{{a}} {{b}}', { a: ['x', 'y'] }, 'en')).toBe('x; y {{b}}');
  });
});
