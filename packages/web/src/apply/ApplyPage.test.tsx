// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n';
import { loadTexts } from '../i18n/resources';

// The router loads the page's catalog before it shows the page; the reasons' texts load when an
// error carries a reason (the rate-limit test below sees them arrive).
beforeAll(() => loadTexts('apply'));
import { jsonResponse, testPage } from '../test/test-page';
import { ApplyPage } from './ApplyPage';

const page = testPage();
const { byTestId, waitFor } = page;

const VILLAGE = { code: '451028100201', name: '刷把村', townshipName: '同乐镇', countyName: '乐业县' };

const VILLAGES = {
  county: { code: '451028', name: '乐业县' },
  villages: [
    { code: '451028100201', name: '刷把村', townshipName: '同乐镇' },
    { code: '451028101201', name: '百乐村', townshipName: '甘田镇' },
    { code: '451028100202', name: '央林村', townshipName: '同乐镇' },
  ],
};

/** Answers GET of the village and the county's villages; POST of the application with `answer`. Returns the mock. */
function stubServer(answer: () => Response) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.startsWith('/api/public/villages/')) return jsonResponse(200, VILLAGE);
    if (url.startsWith('/api/public/villages?')) return jsonResponse(200, VILLAGES);
    if (url === '/api/public/applications' && init?.method === 'POST') return answer();
    return jsonResponse(404, { code: 'NOT_FOUND', detail: 'not found' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const render = (path: string) => page.render(<ApplyPage />, path);

function type(id: string, value: string) {
  const el = byTestId<HTMLInputElement | HTMLTextAreaElement>(id)!;
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function fillAndSubmit() {
  await waitFor(() => byTestId('apply-village-name')?.textContent === '同乐镇 刷把村', 'the village');
  type('apply-phone', '139 0776 2233');
  type('apply-description', '店铺失火，货物全部烧毁，家里生活困难');
  act(() => byTestId('apply-consent')!.click());
  act(() => byTestId('apply-submit')!.click());
}

describe('ApplyPage', () => {
  it('shows the village of the QR code and refuses to send without phone, description and consent', async () => {
    const fetchMock = stubServer(() => jsonResponse(201, { referenceNo: 'SQ20261129-7K3M9' }));
    render('/apply?village=451028100201');
    await waitFor(() => byTestId('apply-village-name')?.textContent === '同乐镇 刷把村', 'the village');
    act(() => byTestId('apply-submit')!.click());
    await waitFor(() => page.container.textContent?.includes('请勾选同意后再提交') ?? false, 'the consent error');
    expect(page.container.textContent).toContain('请填写手机号');
    expect(page.container.textContent).toContain('请至少写 10 个字');
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/public/applications')).toBe(false);
  }, 20_000);

  it('sends the application with the empty honeypot and shows the reference number to keep', async () => {
    const fetchMock = stubServer(() => jsonResponse(201, { referenceNo: 'SQ20261129-7K3M9' }));
    render('/apply?village=451028100201');
    await fillAndSubmit();
    await waitFor(() => byTestId('apply-reference') !== null, 'the reference number');
    expect(byTestId('apply-reference')!.textContent).toBe('SQ20261129-7K3M9');
    expect(byTestId('apply-done')!.textContent).toContain('请截图或抄下受理编号');
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/public/applications');
    expect(JSON.parse(post![1]!.body as string)).toEqual({
      villageCode: '451028100201',
      phone: '13907762233',
      description: '店铺失火，货物全部烧毁，家里生活困难',
      consent: true,
      website: '',
    });
    // The progress form is filled in with the new reference number.
    expect(byTestId<HTMLInputElement>('progress-reference')!.value).toBe('SQ20261129-7K3M9');
  }, 20_000);

  it('without a village in the link, offers the county’s villages by township in the phone’s own picker, in English too', async () => {
    const fetchMock = stubServer(() => jsonResponse(201, { referenceNo: 'SQ20261129-7K3M9' }));
    await act(() => setLanguage('en'));
    try {
      render('/apply');
      await waitFor(() => (byTestId<HTMLSelectElement>('apply-village-select')?.options.length ?? 0) > 3, 'the villages');
      const select = byTestId<HTMLSelectElement>('apply-village-select')!;
      expect([...select.querySelectorAll('optgroup')].map((g) => [g.label, [...g.children].map((o) => o.textContent)])).toEqual([
        ['同乐镇', ['刷把村', '央林村']],
        ['甘田镇', ['百乐村']],
      ]);
      act(() => byTestId('apply-submit')!.click());
      await waitFor(() => page.container.textContent?.includes('Choose your village') ?? false, 'the village error');
      expect(page.container.textContent).toContain('Enter your mobile number so staff can contact you');
      expect(page.container.textContent).toContain('Please tick to agree before submitting');
      // The first field in error has the focus.
      expect(document.activeElement).toBe(select);
      act(() => {
        select.value = '451028101201';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      type('apply-phone', '13907762233');
      type('apply-description', 'The shop burnt down with all its goods');
      act(() => byTestId('apply-consent')!.click());
      act(() => byTestId('apply-submit')!.click());
      await waitFor(() => byTestId('apply-reference') !== null, 'the reference number');
      const post = fetchMock.mock.calls.find(([url]) => url === '/api/public/applications');
      expect(JSON.parse(post![1]!.body as string)).toMatchObject({ villageCode: '451028101201', phone: '13907762233' });
    } finally {
      await act(() => setLanguage('zh-CN'));
    }
  }, 20_000);

  it('explains a rate limit with the server’s reason', async () => {
    stubServer(() =>
      jsonResponse(429, {
        code: 'RATE_LIMITED',
        status: 429,
        reason: 'applicationsPerPhoneLimited',
        params: { max: 3 },
        detail: 'This phone has already applied 3 times today; staff will contact you soon. If it is urgent, call the hotline',
      }),
    );
    render('/apply?village=451028100201');
    await fillAndSubmit();
    await waitFor(() => byTestId('apply-error') !== null, 'the error');
    // The reason's text is fetched when the error carries it.
    await waitFor(() => byTestId('apply-error')!.textContent.includes('该手机号今天已提交 3 次申请，工作人员会尽快联系您'), 'the reason');
    expect(byTestId('apply-error')!.textContent).toContain('您的申报不会丢失');
    expect(byTestId('apply-reference')).toBeNull();
  }, 20_000);
});
