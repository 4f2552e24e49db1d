import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Radio, Segmented, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_LISTS } from '@fangpin/domain';
import { apiFetch, withQuery } from '../../api/client';
import type { HouseholdSummary, Page } from '../../api/types';
import { Section } from '../VerificationForm';
import type { CaseDetail } from '../types';
import type { ActionProps, Submit } from './action-kit';

interface NewMemberValues {
  name?: string;
  idNumber?: string;
  relation?: string;
  health?: string;
  labourCapacity?: string;
  schooling?: string;
}

interface NewHouseholdValues {
  type: 'ordinary' | 'formerlyPoor';
  address?: string;
  phone?: string;
  members: NewMemberValues[];
}

/** The `linkHousehold` data of the registration form: blanks left out, the server checks the rest. */
export function newHouseholdData(values: NewHouseholdValues): Record<string, unknown> {
  const text = (v: string | undefined) => v?.trim() ?? '';
  return {
    newHousehold: {
      type: values.type,
      address: text(values.address),
      ...(text(values.phone) ? { phone: text(values.phone) } : {}),
      members: values.members.map((m) => ({
        name: text(m.name),
        idNumber: text(m.idNumber).toUpperCase(),
        relation: m.relation ?? '',
        ...(m.health ? { health: m.health } : {}),
        ...(m.labourCapacity ? { labourCapacity: m.labourCapacity } : {}),
        ...(m.schooling ? { schooling: m.schooling } : {}),
      })),
    },
  };
}

/** Households of the case's village matching a name, ID number, phone or household number. */
function useVillageHouseholds(villageCode: string, q: string) {
  return useQuery({
    queryKey: ['households', 'link', villageCode, q],
    queryFn: ({ signal }) => apiFetch<Page<HouseholdSummary>>(withQuery('/api/households', { q, regionCode: villageCode, page: 1, pageSize: 10 }), { signal }),
    enabled: q.trim() !== '',
  });
}

function SearchRegistry({ detail, submit, pending }: { detail: CaseDetail; submit: Submit; pending: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useVillageHouseholds(detail.regionCode.slice(0, 12), q);
  return (
    <div className="fp-link-search" data-testid="link-search">
      <Input.Search
        allowClear
        enterButton={<SearchOutlined aria-label={t('cases.link.search')} />}
        placeholder={t('cases.link.searchPlaceholder')}
        onSearch={(value) => setQ(value.trim())}
        data-testid="link-search-input"
        aria-label={t('cases.link.search')}
      />
      <div className="fp-muted fp-small fp-verify-hint">{t('cases.link.searchHint', { village: detail.villageName ?? '' })}</div>
      {found.isFetching ? <Spin /> : null}
      {q && found.data && found.data.items.length === 0 ? <Empty description={t('cases.link.noneFound')} data-testid="link-none" /> : null}
      <ul className="fp-link-results">
        {(found.data?.items ?? []).map((h) => (
          <li key={h.id} className="fp-link-result" data-testid="link-result" data-household-id={h.id}>
            <div className="fp-link-result-text">
              <span className="fp-member-name">{h.headName}</span>
              <span className="fp-mono fp-small">{h.householdNumber}</span>
              <span className="fp-muted fp-small">
                {t(`codes.householdType.${h.type}`, { defaultValue: h.type })} · {t('cases.detail.persons', { count: h.memberCount })}
                {h.address ? ` · ${h.address}` : ''}
              </span>
            </div>
            <Button type="primary" loading={pending} onClick={() => void submit({ householdId: h.id })} data-testid="link-choose">
              {t('cases.link.choose')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function codeOptions(t: (key: string) => string, list: 'relation' | 'health' | 'labourCapacity' | 'schooling') {
  return Object.keys(CODE_LISTS[list]).map((code) => ({ value: code, label: t(`codes.${list}.${code}`) }));
}

function RegisterHousehold({ submit, pending }: { submit: Submit; pending: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewHouseholdValues>();
  const required = { required: true, whitespace: true, message: t('cases.link.required') };
  const select = (list: 'relation' | 'health' | 'labourCapacity' | 'schooling', testId: string, label: string) => (
    <Select allowClear={list !== 'relation'} options={codeOptions(t, list)} data-testid={testId} aria-label={label} />
  );
  return (
    <Form<NewHouseholdValues>
      form={form}
      layout="vertical"
      initialValues={{ type: 'ordinary', members: [{ relation: 'head' }] }}
      onFinish={(values) => void submit(newHouseholdData(values))}
      scrollToFirstError
      data-testid="link-register"
    >
      <Alert type="info" showIcon className="fp-section" title={t('cases.link.registerHint')} />
      <Form.Item name="type" label={t('cases.link.type')}>
        <Radio.Group>
          <Radio value="ordinary">{t('codes.householdType.ordinary')}</Radio>
          <Radio value="formerlyPoor">{t('codes.householdType.formerlyPoor')}</Radio>
        </Radio.Group>
      </Form.Item>
      <div className="fp-form-row">
        <Form.Item name="address" label={t('cases.link.address')}>
          <Input maxLength={200} data-testid="link-address" />
        </Form.Item>
        <Form.Item name="phone" label={t('cases.link.phone')}>
          <Input maxLength={30} inputMode="tel" data-testid="link-phone" />
        </Form.Item>
      </div>
      <Section title={t('cases.link.members')} testId="link-members">
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <div className="fp-verify-rows">
              {fields.map((field, index) => (
                <div key={field.key} className="fp-verify-member fp-link-member" data-testid="link-member">
                  <Form.Item name={[field.name, 'name']} label={t('cases.verification.name')} rules={[required]} className="fp-verify-note">
                    <Input maxLength={50} data-testid={`link-member-${index}-name`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'idNumber']} label={t('cases.link.idNumber')} rules={[required]} className="fp-verify-note">
                    <Input maxLength={18} autoComplete="off" className="fp-mono" data-testid={`link-member-${index}-id`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} label={t('cases.verification.relation')} rules={[{ required: true, message: t('cases.link.required') }]} className="fp-verify-kind">
                    {select('relation', `link-member-${index}-relation`, t('cases.verification.relation'))}
                  </Form.Item>
                  <Form.Item name={[field.name, 'health']} label={t('cases.verification.health')} className="fp-verify-kind">
                    {select('health', `link-member-${index}-health`, t('cases.verification.health'))}
                  </Form.Item>
                  <Form.Item name={[field.name, 'labourCapacity']} label={t('cases.verification.labour')} className="fp-verify-kind">
                    {select('labourCapacity', `link-member-${index}-labour`, t('cases.verification.labour'))}
                  </Form.Item>
                  <Form.Item name={[field.name, 'schooling']} label={t('cases.link.schooling')} className="fp-verify-kind">
                    {select('schooling', `link-member-${index}-schooling`, t('cases.link.schooling'))}
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cases.verification.remove')} onClick={() => remove(field.name)} className="fp-verify-remove" />
                  ) : null}
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ relation: 'spouse' })} data-testid="link-member-add">
                {t('cases.link.addMember')}
              </Button>
            </div>
          )}
        </Form.List>
      </Section>
      <Button type="primary" htmlType="submit" loading={pending} block data-testid="case-submit" data-event="linkHousehold">
        {t('cases.link.register')}
      </Button>
    </Form>
  );
}

/**
 * 关联农户 (issue 11 item 2): a case without a household — a self-application, a call or a visit
 * about a family not yet in the registry — gets one before the home check: a registry household of
 * the case's village found by name, ID number or phone, or a new household registered here with its
 * members (the registry's own history and audit; the village's next household number).
 */
export function LinkHouseholdAction({ detail, submit, pending }: ActionProps & { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'search' | 'register'>('search');
  return (
    <div className="fp-link" data-testid="form-linkHousehold">
      <Alert type="warning" showIcon className="fp-section" title={t('cases.link.intro')} data-testid="link-needed" />
      <Segmented
        block
        value={mode}
        onChange={(value) => setMode(value as 'search' | 'register')}
        options={[
          { value: 'search', label: <span data-testid="link-mode-search">{t('cases.link.modeSearch')}</span> },
          { value: 'register', label: <span data-testid="link-mode-register">{t('cases.link.modeRegister')}</span> },
        ]}
        className="fp-section fp-link-mode"
      />
      {mode === 'search' ? <SearchRegistry detail={detail} submit={submit} pending={pending} /> : <RegisterHousehold submit={submit} pending={pending} />}
    </div>
  );
}
