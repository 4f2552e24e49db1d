// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { loadTexts } from '../i18n/resources';
import { testPage } from '../test/test-page';
import type { DepartmentHeaderCheck, DepartmentSource } from '../api/types';
import { HeaderMappingCard } from './HeaderMappingCard';

// The router loads these catalogs before it shows the page.
beforeAll(() => loadTexts('department'));

const page = testPage();

const medical: DepartmentSource = {
  code: 'medical',
  zh: '医疗保障局（医保结算）',
  en: 'Medical insurance settlements',
  signal: 'rollingSum',
  fields: [
    { field: 'idNumber', zh: '身份证号码', type: 'idNumber', aliases: ['身份证号码'], isRequired: true },
    { field: 'name', zh: '姓名', type: 'text', aliases: ['姓名'] },
    { field: 'eventDate', zh: '结算日期', type: 'date', aliases: ['结算日期'], isRequired: true },
    { field: 'outOfPocket', zh: '合规自付', type: 'amount', aliases: ['个人自付'], isRequired: true },
  ],
};

const check: DepartmentHeaderCheck = {
  sheet: null,
  rowNumber: 2,
  recognised: [{ header: '姓名', field: 'name', isMapped: false }],
  unrecognised: ['公民证件号', '结账日'],
  missingFields: [
    { field: 'idNumber', zh: '身份证号码' },
    { field: 'eventDate', zh: '结算日期' },
  ],
  missingOptionalFields: [],
};

async function choose(header: string, optionText: string) {
  const select = page.container.querySelector(`[data-header="${header}"]`)!;
  const trigger = select.querySelector('.ant-select-selector') ?? select;
  await act(async () => {
    trigger.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });
  // Each select's popup is appended to the body when first opened: the last one is this select's.
  const popup = [...document.querySelectorAll('.ant-select-dropdown')].at(-1);
  const option = [...(popup?.querySelectorAll('.ant-select-item-option') ?? [])].find(
    (o) => o.textContent === optionText,
  );
  expect(option, `option ${optionText}`).toBeTruthy();
  await act(async () => {
    option!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

describe('HeaderMappingCard', () => {
  it('lists the unrecognised headers and the missing fields, and saves the chosen fields', async () => {
    const onSave = vi.fn();
    page.render(<HeaderMappingCard source={medical} check={check} isSaving={false} onSave={onSave} />);
    expect(page.container.querySelectorAll('[data-testid="mapping-select"]')).toHaveLength(2);
    expect(page.container.querySelector('[data-testid="mapping-missing"]')?.textContent).toContain(
      '身份证号码、结算日期',
    );
    const save = page.container.querySelector<HTMLButtonElement>('[data-testid="mapping-save"]')!;
    expect(save.disabled).toBe(true);
    await choose('公民证件号', '身份证号码 *');
    expect(page.container.querySelector('[data-testid="mapping-missing"]')?.textContent).not.toContain('身份证号码');
    await choose('结账日', '结算日期 *');
    expect(page.container.querySelector('[data-testid="mapping-missing"]')).toBeNull();
    await act(async () => {
      save.click();
    });
    expect(onSave).toHaveBeenCalledWith({ 公民证件号: 'idNumber', 结账日: 'eventDate' });
  });
});
