import { CheckCircleFilled, LinkOutlined, PhoneOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Radio, Result, Select, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { useSignedInUser } from '../app/signed-in-user';
import type { HouseholdSummary } from '../api/types';
import { riskTypeLabel, RISK_TYPE_CODES } from '../department/labels';
import { todayInChina } from '../households/age';
import { describeError } from '../ui/problem';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { HouseholdLookup } from './HouseholdLookup';
import {
  useCreateHotlineCall,
  useHotlineCalls,
  useHouseholdLookup,
  useOpenCaseOfCall,
  useScopeVillages,
} from './hooks';
import { stepShort } from '../cases/parts';
import { intakeAbilities } from './roles';
import type { HotlineCall, HotlineCallCreated, HotlineResult, NewHotlineCall } from './types';
import { VillageSelect } from './VillageSelect';
import { isCallerPhone, normalizeCallerPhone } from './villages';
import './intake.css';
import { PageHeader } from '../ui/PageHeader';

interface DeskForm {
  callerName: string;
  callerPhone: string;
  calledAt?: string;
  regionCode?: string;
  householdId?: string | null;
  content: string;
  policyExplained?: string;
  riskTypes?: string[];
  result?: HotlineResult;
  remarks?: string;
}

const FORM_NAME = 'hotline';

/** The order Enter walks through; Enter on the last field saves. */
export const DESK_FIELD_ORDER = [
  'callerName',
  'callerPhone',
  'calledAt',
  'regionCode',
  'householdId',
  'content',
  'policyExplained',
  'riskTypes',
  'result',
  'remarks',
] as const;

/** The field after `field` in the Enter order, or null when `field` is the last (Enter then saves). */
export function nextDeskField(field: string): string | null {
  const index = (DESK_FIELD_ORDER as readonly string[]).indexOf(field);
  if (index < 0 || index === DESK_FIELD_ORDER.length - 1) return null;
  return DESK_FIELD_ORDER[index + 1] ?? null;
}

/** The form's values as the API body: trimmed, empty optional fields left out. */
export function toNewHotlineCall(values: DeskForm): NewHotlineCall {
  const body: NewHotlineCall = {
    callerName: values.callerName.trim(),
    callerPhone: normalizeCallerPhone(values.callerPhone),
    regionCode: values.regionCode ?? '',
    householdId: values.householdId ?? null,
    content: values.content.trim(),
    result: values.result ?? 'answered',
  };
  if (values.calledAt) {
    const at = new Date(values.calledAt);
    if (!Number.isNaN(at.getTime())) body.calledAt = at.toISOString();
  }
  const policy = values.policyExplained?.trim();
  if (policy) body.policyExplained = policy;
  if (values.riskTypes && values.riskTypes.length > 0) body.riskTypes = values.riskTypes;
  const remarks = values.remarks?.trim();
  if (remarks) body.remarks = remarks;
  return body;
}

function focusField(name: string) {
  // After resetFields antd re-creates the inputs: look the field up once React has rendered them.
  setTimeout(() => focusNow(name), 0);
}

function focusNow(name: string) {
  const el = document.getElementById(`${FORM_NAME}_${name}`);
  if (!el) return;
  const target =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el
      : el.querySelector<HTMLElement>('input:checked, input, textarea, button');
  target?.focus();
}

function timeOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function HotlineDeskPage() {
  const me = useSignedInUser();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('hotline.desk.title'));
  const { message } = App.useApp();
  const [form] = Form.useForm<DeskForm>();
  const canUse = intakeAbilities(me).canUseHotline;
  const villages = useScopeVillages(canUse ? me.regionCode : undefined);
  const create = useCreateHotlineCall();
  const [saved, setSaved] = useState<HotlineCallCreated | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [knownHousehold, setKnownHousehold] = useState<HouseholdSummary | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  const phone = Form.useWatch('callerPhone', form) ?? '';
  const householdId = Form.useWatch('householdId', form) ?? null;
  const result = Form.useWatch('result', form);
  const regionCode = Form.useWatch('regionCode', form) ?? null;
  const phoneQuery = !householdId && isCallerPhone(phone) ? normalizeCallerPhone(phone) : '';
  const phoneLookup = useHouseholdLookup(phoneQuery);
  // Suggest linking only when the number belongs to exactly one household (and only for this number).
  const phoneMatch =
    phoneQuery && !phoneLookup.isPlaceholderData && phoneLookup.data?.length === 1
      ? (phoneLookup.data[0] ?? null)
      : null;

  // Before saving: is there an open case this call would join? (the household's, or this caller's in this village)
  const callerPhone = isCallerPhone(phone) ? normalizeCallerPhone(phone) : null;
  const openCase = useOpenCaseOfCall(
    householdId ? { householdId, regionCode: null, callerPhone: null } : { householdId: null, regionCode, callerPhone },
  );

  useEffect(() => focusField('callerName'), []);

  if (!canUse) return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="hotline-forbidden" />;

  const villageCodes = new Set((villages.data ?? []).map((v) => v.code));
  const pickHousehold = (h: HouseholdSummary | null) => {
    setKnownHousehold(h);
    if (h && villageCodes.has(h.regionCode)) form.setFieldValue('regionCode', h.regionCode);
    if (h) void form.validateFields(['regionCode']).catch(() => undefined);
  };

  const clear = () => {
    form.resetFields();
    setKnownHousehold(null);
    setError(null);
    focusField('callerName');
  };

  const onFinish = (values: DeskForm) => {
    setError(null);
    create.mutate(toNewHotlineCall(values), {
      onSuccess: (res) => {
        setSaved(res);
        form.resetFields();
        setKnownHousehold(null);
        void message.success(t('hotline.desk.nextCall'));
        window.scrollTo({ top: 0 });
        focusField('callerName');
      },
      onError: (err) => {
        setError(err);
        if (isApiError(err) && err.field && (DESK_FIELD_ORDER as readonly string[]).includes(err.field)) {
          const described = describeError(t, err, i18n.language);
          form.setFields([{ name: err.field as keyof DeskForm, errors: [described.detail || described.title] }]);
        }
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.submit();
      return;
    }
    const target = event.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
    // An open drop-down uses Enter to pick the highlighted option.
    if (target.getAttribute('aria-expanded') === 'true') return;
    const holder = target.closest<HTMLElement>(`[id^="${FORM_NAME}_"]`) ?? target;
    const field = holder.id.slice(FORM_NAME.length + 1);
    if (!(DESK_FIELD_ORDER as readonly string[]).includes(field)) return;
    event.preventDefault();
    const next = nextDeskField(field);
    if (next) focusNow(next);
    else form.submit();
  };

  return (
    <div className="fp-page" data-testid="hotline-desk">
      <PageHeader icon={<PhoneOutlined />} title={t('hotline.desk.title')} subtitle={t('hotline.desk.subtitle')} />
      <div className="fp-desk-grid">
        <Card size="small" className="fp-desk-card">
          {saved ? <SavedNotice saved={saved} onClose={() => setSaved(null)} /> : null}
          <ProblemAlert error={error} onClose={() => setError(null)} className="fp-desk-alert" testId="desk-error" />
          <div ref={wrapper} onKeyDown={onKeyDown}>
            <Form<DeskForm>
              form={form}
              name={FORM_NAME}
              layout="vertical"
              requiredMark
              onFinish={onFinish}
              className="fp-desk-form"
              validateTrigger="onBlur"
            >
              <div className="fp-desk-row fp-desk-row-3">
                <Form.Item
                  name="callerName"
                  label={t('hotline.desk.callerName')}
                  rules={[{ required: true, whitespace: true, message: t('hotline.desk.callerNameRequired') }]}
                >
                  <Input maxLength={50} autoComplete="off" data-testid="desk-caller-name" />
                </Form.Item>
                <Form.Item
                  name="callerPhone"
                  label={t('hotline.desk.callerPhone')}
                  rules={[
                    { required: true, whitespace: true, message: t('hotline.desk.callerPhoneRequired') },
                    {
                      validator: (_, value: string | undefined) =>
                        !value || isCallerPhone(value)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('hotline.desk.callerPhoneInvalid'))),
                    },
                  ]}
                >
                  <Input
                    maxLength={20}
                    inputMode="tel"
                    autoComplete="off"
                    className="fp-mono"
                    data-testid="desk-caller-phone"
                  />
                </Form.Item>
                <Form.Item
                  name="calledAt"
                  label={t('hotline.desk.calledAt')}
                  extra={t('hotline.desk.calledAtHint')}
                  rules={[
                    {
                      // A call logged afterwards may be back-dated, never dated ahead.
                      validator: (_, value: string | undefined) =>
                        !value || new Date(value).getTime() <= Date.now() + 60_000
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('hotline.desk.calledAtFuture'))),
                    },
                  ]}
                >
                  <Input type="datetime-local" data-testid="desk-called-at" />
                </Form.Item>
              </div>
              <div className="fp-desk-row fp-desk-row-2">
                <Form.Item
                  name="regionCode"
                  label={t('hotline.desk.village')}
                  rules={[{ required: true, message: t('hotline.desk.villageRequired') }]}
                  validateTrigger="onChange"
                >
                  <VillageSelect
                    villages={villages.data ?? []}
                    loading={villages.isPending}
                    placeholder={t('hotline.desk.villagePlaceholder')}
                    testId="desk-village"
                  />
                </Form.Item>
                <Form.Item
                  name="householdId"
                  label={t('hotline.desk.household')}
                  extra={
                    phoneMatch ? (
                      <span data-testid="desk-phone-match">
                        {t('hotline.desk.phoneMatch', {
                          name: phoneMatch.headName,
                          village: `${phoneMatch.townshipName} ${phoneMatch.villageName}`,
                        })}
                        <Button
                          type="link"
                          size="small"
                          className="fp-inline-link"
                          onClick={() => {
                            form.setFieldValue('householdId', phoneMatch.id);
                            pickHousehold(phoneMatch);
                          }}
                          data-testid="desk-phone-match-link"
                        >
                          {t('hotline.desk.phoneMatchLink')}
                        </Button>
                      </span>
                    ) : householdId && knownHousehold ? (
                      <Link to={`/households/${knownHousehold.id}`} target="_blank">
                        <LinkOutlined /> {t('hotline.desk.householdOpen')}
                      </Link>
                    ) : (
                      t('hotline.desk.householdHint')
                    )
                  }
                >
                  <HouseholdLookup
                    known={knownHousehold}
                    onPick={pickHousehold}
                    placeholder={t('hotline.desk.householdPlaceholder')}
                    testId="desk-household"
                  />
                </Form.Item>
              </div>
              {openCase.data ? (
                <Alert
                  type="warning"
                  showIcon
                  className="fp-desk-alert"
                  data-testid="desk-open-case"
                  data-case-id={openCase.data.caseId}
                  title={t(
                    openCase.data.matchedBy === 'household'
                      ? 'hotline.desk.openCaseHousehold'
                      : 'hotline.desk.openCaseCaller',
                    {
                      caseNumber: openCase.data.caseNumber,
                      step: i18n.language === 'en' ? stepShort(openCase.data.step, 'en') : openCase.data.stepZh,
                      clueDate: openCase.data.clueDate,
                    },
                  )}
                  description={
                    <span className="fp-stacked">
                      <span>{t('hotline.desk.openCaseJoin')}</span>
                      <Link to={`/cases/${openCase.data.caseId}`} target="_blank" data-testid="desk-open-case-link">
                        <LinkOutlined /> {t('hotline.desk.openCase')}{' '}
                        <span className="fp-mono">{openCase.data.caseNumber}</span>
                      </Link>
                    </span>
                  }
                />
              ) : null}
              <Form.Item
                name="content"
                label={t('hotline.desk.content')}
                rules={[{ required: true, whitespace: true, message: t('hotline.desk.contentRequired') }]}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  placeholder={t('hotline.desk.contentPlaceholder')}
                  data-testid="desk-content"
                />
              </Form.Item>
              <Form.Item name="policyExplained" label={t('hotline.desk.policyExplained')}>
                <Input.TextArea
                  rows={2}
                  maxLength={2000}
                  placeholder={t('hotline.desk.policyPlaceholder')}
                  data-testid="desk-policy"
                />
              </Form.Item>
              <div className="fp-desk-row fp-desk-row-2">
                <Form.Item name="riskTypes" label={t('hotline.desk.riskTypes')}>
                  <Select<string[]>
                    mode="multiple"
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('hotline.desk.riskTypesPlaceholder')}
                    options={RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))}
                    maxCount={5}
                    data-testid="desk-risk-types"
                  />
                </Form.Item>
                <Form.Item
                  name="result"
                  label={t('hotline.desk.result')}
                  rules={[{ required: true, message: t('hotline.desk.resultRequired') }]}
                  validateTrigger="onChange"
                  extra={result === 'dispatched' ? t('hotline.desk.resultDispatchedHint') : undefined}
                >
                  <Radio.Group optionType="button" buttonStyle="solid" data-testid="desk-result">
                    <Radio.Button value="answered">
                      <span data-testid="desk-result-answered">{t('hotline.desk.resultAnswered')}</span>
                    </Radio.Button>
                    <Radio.Button value="dispatched">
                      <span data-testid="desk-result-dispatched">{t('hotline.desk.resultDispatched')}</span>
                    </Radio.Button>
                  </Radio.Group>
                </Form.Item>
              </div>
              <Form.Item name="remarks" label={t('hotline.desk.remarks')}>
                <Input
                  maxLength={500}
                  autoComplete="off"
                  placeholder={result === 'answered' ? t('hotline.desk.remarksPlaceholder') : undefined}
                  data-testid="desk-remarks"
                />
              </Form.Item>
              <div className="fp-desk-actions">
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined />}
                  loading={create.isPending}
                  size="large"
                  data-testid="desk-save"
                >
                  {t('hotline.desk.save')}
                </Button>
                <Button onClick={clear} size="large" data-testid="desk-clear">
                  {t('hotline.desk.clear')}
                </Button>
                <span className="fp-muted fp-desk-keyhint">{t('hotline.desk.keyHint')}</span>
              </div>
            </Form>
          </div>
        </Card>
        <RecentCalls today={todayInChina()} />
      </div>
    </div>
  );
}

function SavedNotice({ saved, onClose }: { saved: HotlineCallCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const { call } = saved;
  const isDispatched = call.result === 'dispatched';
  return (
    <Alert
      type={saved.linkedToExistingClue ? 'warning' : 'success'}
      showIcon
      icon={<CheckCircleFilled />}
      closable={{ onClose }}
      className="fp-desk-alert"
      data-testid="desk-saved"
      data-linked={String(saved.linkedToExistingClue)}
      title={
        <span>
          {isDispatched ? t('hotline.desk.savedDispatched') : t('hotline.desk.savedAnswered')}
          <span className="fp-muted">
            {' '}
            · {call.callerName} · {[call.townshipName, call.villageName].filter(Boolean).join(' ')}
          </span>
        </span>
      }
      description={
        saved.linkedToExistingClue || saved.caseId ? (
          <span className="fp-stacked">
            {saved.linkedToExistingClue ? (
              <strong data-testid="desk-linked">{t('hotline.desk.linkedToExisting')}</strong>
            ) : null}
            {saved.caseId ? (
              <span>
                <Link to={`/cases/${saved.caseId}`} data-testid="desk-case-link">
                  <LinkOutlined /> {t('hotline.desk.openCase')}
                  {call.caseNumber ? <span className="fp-mono"> {call.caseNumber}</span> : null}
                </Link>
              </span>
            ) : null}
          </span>
        ) : undefined
      }
    />
  );
}

function RecentCalls({ today }: { today: string }) {
  const { t } = useTranslation();
  const query = useMemo(() => ({ from: today, to: today, page: 1, pageSize: 8 }), [today]);
  const calls = useHotlineCalls(query);
  const rows = calls.data?.items ?? [];
  return (
    <Card
      size="small"
      className="fp-desk-recent"
      title={
        <span>
          {t('hotline.desk.recent')}
          {calls.data ? <span className="fp-muted"> · {calls.data.total}</span> : null}
        </span>
      }
      extra={<Link to="/hotline/records">{t('hotline.desk.allRecords')}</Link>}
      loading={calls.isPending}
      data-testid="desk-recent"
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.desk.recentEmpty')} />
      ) : (
        <ul className="fp-desk-recent-list">
          {rows.map((call) => (
            <RecentCall key={call.id} call={call} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function RecentCall({ call }: { call: HotlineCall }) {
  const { t } = useTranslation();
  return (
    <li data-testid="desk-recent-call">
      <div className="fp-desk-recent-top">
        <span className="fp-mono fp-muted">{timeOf(call.calledAt)}</span>
        <strong>{call.callerName}</strong>
        <span className="fp-muted">{call.villageName}</span>
        <span className="fp-desk-recent-tag">
          <Tag color={call.result === 'dispatched' ? 'orange' : 'default'}>
            {call.result === 'dispatched' ? t('hotline.desk.resultDispatched') : t('hotline.desk.resultAnswered')}
          </Tag>
        </span>
      </div>
      <div className="fp-desk-recent-content">{call.content}</div>
      {call.caseId ? (
        <Link to={`/cases/${call.caseId}`} className="fp-small">
          <LinkOutlined /> {t('hotline.desk.openCase')}
        </Link>
      ) : null}
    </li>
  );
}
