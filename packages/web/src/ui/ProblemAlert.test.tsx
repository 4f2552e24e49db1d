// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { testPage } from '../test/test-page';
import { ProblemAlert } from './ProblemAlert';

const page = testPage();

const refused = () =>
  new ApiError(422, {
    code: 'WORKFLOW_REFUSED',
    detail: 'The public notice runs at least 5 days; it may close from 2026-03-10',
    reason: 'noticePeriodNotOver',
    params: { noticeDays: 5, endsOn: '2026-03-10' },
  });

describe('ProblemAlert', () => {
  it('shows a Chinese reader the reason in Chinese, loading the reason texts it needs, and never the English detail', async () => {
    await i18n.changeLanguage('zh-CN');
    page.render(<ProblemAlert error={refused()} testId="the-alert" />);
    await page.waitFor(() => page.byTestId('the-alert')?.textContent?.includes('公示期不少于 5 天') === true, 'the reason text');
    const text = page.byTestId('the-alert')!.textContent;
    expect(text).toContain('程序不允许此操作');
    expect(text).toContain('2026-03-10 起方可结束公示');
    expect(text).not.toContain('The public notice');
  });

  it('lets the page name what failed, keeping the reason as the explanation', async () => {
    page.render(<ProblemAlert error={refused()} title="村庄列表加载失败" testId="the-alert" />);
    await page.waitFor(() => page.byTestId('the-alert')?.textContent?.includes('公示期') === true, 'the reason text');
    expect(page.byTestId('the-alert')!.textContent).toContain('村庄列表加载失败');
  });

  it('renders nothing without an error', () => {
    page.render(<ProblemAlert error={null} testId="the-alert" />);
    expect(page.byTestId('the-alert')).toBeNull();
  });
});
