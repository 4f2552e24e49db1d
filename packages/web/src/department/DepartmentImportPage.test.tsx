// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import type { DepartmentImportResult, DepartmentSource, ImportJobProblem } from '../api/types';
import { loadTexts } from '../i18n/resources';
import { jsonResponse, testPage } from '../test/test-page';
import { DepartmentImportPage } from './DepartmentImportPage';

// The router loads these catalogs before it shows the page.
beforeAll(() => loadTexts('reasons', 'department'));

const page = testPage();
const { byTestId, waitFor } = page;

const MEDICAL: DepartmentSource = {
  code: 'medical',
  zh: '医疗保障局（医保结算）',
  en: 'Medical insurance settlements',
  signal: 'rollingSum',
  fields: [
    { field: 'idNumber', zh: '身份证号码', type: 'idNumber', aliases: ['身份证号码'], isRequired: true },
    { field: 'outOfPocket', zh: '合规自付', type: 'amount', aliases: ['个人自付'], isRequired: true },
  ],
};

const counts = (isDryRun: boolean): DepartmentImportResult => ({
  rows: 2000,
  accepted: 1990,
  matched: 1800,
  unmatched: 190,
  rejected: 10,
  rejectedByCode: { ID_BAD_CHECKSUM: 10 },
  warnings: 4,
  newWarnings: 3,
  batchId: 'b1',
  isDryRun,
  isRepeat: false,
  duplicates: 0,
  listDate: null,
  listDateFrom: null,
  errors: [],
});

/** The server: me, sources, settings, and the job (running at first, then done). XHR uploads: preview or job start. */
type HeaderCheckAnswer = DepartmentImportResult['headerCheck'] | ((url: string) => DepartmentImportResult['headerCheck']);
function stubServer(headerCheck: HeaderCheckAnswer = { sheet: null, rowNumber: 1, recognised: [], unrecognised: [], missingFields: [], missingOptionalFields: [] }, failure?: ImportJobProblem) {
  let jobPolls = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/auth/me')
        return jsonResponse(200, {
          user: {
            id: 'u',
            username: 'clerk',
            role: 'department',
            regionCode: '451028000000',
            abilities: { canImportDepartment: true },
          },
        });
      if (url === '/api/department-sources') return jsonResponse(200, { items: [MEDICAL] });
      if (url === '/api/department-sources/medical/settings')
        return jsonResponse(200, {
          countyCode: '451028',
          source: 'medical',
          headerMapping: {},
          monthlyRecompare: false,
          lastRecomparedOn: null,
          updatedBy: null,
          updatedAt: null,
        });
      if (url === '/api/import-jobs/job-1') {
        // Reading (500 of 2,000 rows), then matching (every row read), then done.
        jobPolls++;
        const isDone = jobPolls > 2;
        if (failure) return jsonResponse(200, { id: 'job-1', status: 'failed', rowsDone: 0, rowsTotal: 2000, step: null, result: null, error: 'refused', problem: failure });
        return jsonResponse(200, {
          id: 'job-1',
          status: isDone ? 'done' : 'running',
          rowsDone: jobPolls === 1 ? 500 : 2000,
          rowsTotal: 2000,
          step: isDone ? null : jobPolls === 1 ? 'reading' : 'matching',
          result: isDone ? counts(false) : null,
          error: null,
        });
      }
      return jsonResponse(404, { code: 'NOT_FOUND', detail: 'not found' });
    }),
  );
  const uploads: string[] = [];
  class FakeXhr {
    upload: { onprogress?: () => void; onload?: () => void } = {};
    status = 0;
    responseText = '';
    withCredentials = false;
    onload?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    private url = '';
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader() {}
    send() {
      uploads.push(this.url);
      setTimeout(() => {
        const isJob = this.url.startsWith('/api/import-jobs/');
        this.status = isJob ? 202 : 200;
        this.responseText = JSON.stringify(
          isJob
            ? { jobId: 'job-1' }
            : {
                ...counts(true),
                headerCheck: typeof headerCheck === 'function' ? headerCheck(this.url) : headerCheck,
              },
        );
        this.upload.onload?.();
        this.onload?.();
      }, 10);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return uploads;
}

describe('DepartmentImportPage', () => {
  it('previews, then imports as a background job with a progress bar, then shows the counts', async () => {
    const uploads = stubServer();
    page.render(<DepartmentImportPage />, '/department/import?source=medical');
    await waitFor(() => !!byTestId('import-file-input'), 'the form');
    const input = byTestId('import-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [new File(['身份证号码,个人自付\n'], '医保.csv', { type: 'text/csv' })],
      configurable: true,
    });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => byTestId('import-file-name')?.textContent === '医保.csv', 'the file name');

    act(() => byTestId('import-preview')!.click());
    await waitFor(() => byTestId('import-result')?.dataset.state === 'preview', 'the preview');
    expect(uploads).toEqual(['/api/imports/department/medical?dryRun=true']);

    act(() => byTestId('import-confirm')!.click());
    await waitFor(() => byTestId('import-job')?.dataset.status === 'running', 'the running job');
    expect(uploads.at(-1)).toBe('/api/import-jobs/department/medical');
    expect(byTestId('import-job-rows')?.dataset).toMatchObject({ done: '500', total: '2000' });
    expect(byTestId('import-job')?.textContent).toContain('500 / 2,000');
    expect(page.container.querySelector('.ant-progress')?.textContent).toContain('25%');

    // Every row read: the page says the rows are being matched instead of sitting at 100 %.
    await waitFor(() => byTestId('import-job-rows')?.dataset.step === 'matching', 'the matching step');
    expect(byTestId('import-job')?.textContent).toContain('已读取 2,000 行，正在与农户信息比对');
    expect(page.container.querySelector('.ant-progress')?.textContent).not.toContain('%');

    await waitFor(() => byTestId('import-result')?.dataset.state === 'done', 'the finished job');
    expect(byTestId('import-done')?.textContent).toContain('导入完成');
    // What was accepted and what was not, not "saved" for every row of the file.
    expect(byTestId('import-done')?.textContent).toContain('已接收 1990 行，拒收 10 行');
    expect(byTestId('import-job')).toBeNull();
  });

  it('a failed job says why in the reader\'s language, from its problem (reason and params), not the server\'s English', async () => {
    await loadTexts('reasons');
    stubServer(undefined, { code: 'IMPORT_FILE_INVALID', reason: 'listDateInFuture', params: { date: '2026-12-01' }, row: 2 });
    page.render(<DepartmentImportPage />, '/department/import?source=medical');
    await waitFor(() => !!byTestId('import-file-input'), 'the form');
    const input = byTestId('import-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['身份证号码,个人自付\n'], '医保.csv', { type: 'text/csv' })], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => byTestId('import-file-name')?.textContent === '医保.csv', 'the file name');
    act(() => byTestId('import-preview')!.click());
    await waitFor(() => byTestId('import-result')?.dataset.state === 'preview', 'the preview');
    act(() => byTestId('import-confirm')!.click());
    await waitFor(() => !!byTestId('import-job-failed'), 'the failed job');
    expect(byTestId('import-job-failed')?.textContent).toContain('名单日期 2026-12-01 晚于今天（第 2 行）');
    expect(byTestId('import-job-failed')?.textContent).not.toContain('refused');
  });

  it('an extra column the source does not need is named as not read; the clerk imports without a mapping', async () => {
    stubServer({
      sheet: null,
      rowNumber: 1,
      recognised: [
        { header: '身份证号码', field: 'idNumber', isMapped: false },
        { header: '个人自付', field: 'outOfPocket', isMapped: false },
      ],
      unrecognised: ['经办医院'],
      missingFields: [],
      missingOptionalFields: [{ field: 'totalCost', zh: '医疗总费用' }],
    });
    page.render(<DepartmentImportPage />, '/department/import?source=medical');
    await waitFor(() => !!byTestId('import-file-input'), 'the form');
    const input = byTestId('import-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], '医保.csv', { type: 'text/csv' })], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => !!byTestId('import-file-name'), 'the file name');
    act(() => byTestId('import-preview')!.click());
    await waitFor(() => byTestId('import-result')?.dataset.state === 'preview', 'the preview');
    expect(byTestId('import-ignored-columns')?.textContent).toContain('以下列本数据来源不需要，导入时不读取：经办医院');
    expect(byTestId('import-ignored-columns')?.textContent).toContain('医疗总费用');
    // No mapping card, no "ask the county", and nothing to map for a department clerk.
    expect(byTestId('header-mapping')).toBeNull();
    expect(byTestId('mapping-ask-admin')).toBeNull();
    expect(byTestId('import-map-columns')).toBeNull();
    expect((byTestId('import-confirm') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a list without a date column whose title names none asks for its date, previews and imports with it', async () => {
    const base = { sheet: null, rowNumber: 2, recognised: [{ header: '身份证号', field: 'idNumber', isMapped: false }], unrecognised: ['序号', '学校', '年级'], missingFields: [], missingOptionalFields: [] };
    const uploads = stubServer((url) => ({ ...base, listDate: url.includes('asOf=2026-03-20') ? { date: '2026-03-20', from: 'uploader' as const } : null }));
    page.render(<DepartmentImportPage />, '/department/import?source=medical');
    await waitFor(() => !!byTestId('import-file-input'), 'the form');
    const input = byTestId('import-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], '疑似辍学名单.csv', { type: 'text/csv' })], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => !!byTestId('import-file-name'), 'the file name');
    act(() => byTestId('import-preview')!.click());
    await waitFor(() => !!byTestId('import-list-date-needed'), 'the question for the list date');
    expect(byTestId('import-list-date-needed')?.textContent).toContain('这份名单没有日期列，标题行中也没有写明名单日期');
    // Nothing can be imported until the date is given.
    expect((byTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId('import-list-date-preview') as HTMLButtonElement).disabled).toBe(true);

    const date = byTestId('import-list-date') as HTMLInputElement;
    act(() => {
      // React tracks the value it last set: write through the prototype's setter, as typing does.
      Reflect.set(HTMLInputElement.prototype, 'value', '2026-03-20', date);
      date.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => byTestId('import-list-date-preview')!.click());
    await waitFor(() => !!byTestId('import-list-date-used'), 'the preview with the date');
    expect(uploads.at(-1)).toBe('/api/imports/department/medical?dryRun=true&asOf=2026-03-20');
    expect(byTestId('import-list-date-used')?.textContent).toContain('每一行按填写的名单日期 2026-03-20 计');
    expect(byTestId('import-list-date-needed')).toBeNull();
    expect((byTestId('import-confirm') as HTMLButtonElement).disabled).toBe(false);

    act(() => byTestId('import-confirm')!.click());
    await waitFor(() => uploads.length === 3, 'the job start');
    expect(uploads.at(-1)).toBe('/api/import-jobs/department/medical?asOf=2026-03-20');
  });
});
