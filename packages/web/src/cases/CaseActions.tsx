import { PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Select, Tag, type FormInstance } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RISK_TYPE_CODES, type HouseholdAssessment } from '@fangpin/domain';
import { isApiError } from '../api/client';
import { riskTypeLabel } from '../department/labels';
import { describeError } from '../ui/problem';
import { AttachmentUpload } from './AttachmentUpload';
import {
  buildManualFindings,
  buildVerificationData,
  decisionProblem,
  defaultAmountMonth,
  isEmptyFindings,
  membersFromHousehold,
  type VerificationValues,
} from './case-model';
import { findingLines, latestVerificationData, propertyFindings, verificationValuesFrom } from './case-facts';
import { AssessmentView } from './AssessmentView';
import { caseKeys, useAssessmentPreview, useCaseNotice, usePostCaseEvent } from './hooks';
import { HouseholdLinkAction } from './HouseholdLink';
import { AssetFields, Section, VerificationFields } from './VerificationForm';
import type { CaseDetail, CaseEventType } from './types';

/** The order actions are offered in: the move forward first, side roads after, withdrawal last. */
export const EVENT_ORDER: readonly CaseEventType[] = [
  'linkHousehold',
  'startVerification',
  'recordVerification',
  'recordPropertyCheck',
  'recordAssessment',
  'recordDeliberation',
  'endNotice',
  'townshipApprove',
  'countyDecide',
  'recordCallback',
  'screenOut',
  'rejectAfterAssessment',
  'raiseObjection',
  'townshipReturn',
  'recordAssistance',
  'withdraw',
];

/** Allowed events in display order (unknown ones at the end). */
export function orderedEvents(allowed: readonly CaseEventType[]): CaseEventType[] {
  const known = EVENT_ORDER.filter((e) => allowed.includes(e));
  return [...known, ...allowed.filter((e) => !EVENT_ORDER.includes(e))];
}

const DANGER: ReadonlySet<CaseEventType> = new Set(['withdraw', 'rejectAfterAssessment', 'screenOut', 'townshipReturn']);

type Submit = (data?: Record<string, unknown>, comment?: string) => Promise<boolean>;

/**
 * Keeps a date field that defaults to the step's date (办理日期) on that date when it changes,
 * until the user sets the field by hand: forms follow the day the step really happened, not today.
 */
function useFollowStepDate(form: FormInstance, field: string, stepDate: string): void {
  useEffect(() => {
    // (setFieldValue would mark the field touched: the next date would no longer follow.)
    if (!form.isFieldTouched(field)) form.setFields([{ name: field, value: stepDate, touched: false }]);
  }, [form, field, stepDate]);
}

function SubmitButton({ type, pending, danger, label }: { type: CaseEventType; pending: boolean; danger?: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" danger={danger} htmlType="submit" loading={pending} data-testid="case-submit" data-event={type} block>
      {label ?? t(`cases.event.${type}`)}
    </Button>
  );
}

function CommentField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="comment" label={t('cases.action.comment')}>
      <Input.TextArea rows={2} maxLength={500} placeholder={t('cases.action.commentPlaceholder')} data-testid="case-comment" />
    </Form.Item>
  );
}

/** Events without data: an optional comment and the button. */
function SimpleForm({ type, submit, pending, intro }: { type: CaseEventType; submit: Submit; pending: boolean; intro?: ReactNode }) {
  const [form] = Form.useForm<{ comment?: string }>();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(undefined, v.comment)} data-testid={`form-${type}`}>
      {intro}
      <CommentField />
      <SubmitButton type={type} pending={pending} />
    </Form>
  );
}

/** Events that need a reason (screen out, reject, return, withdraw). */
function ReasonForm({
  type,
  submit,
  pending,
  initialReason,
  label,
  intro,
}: {
  type: CaseEventType;
  submit: Submit;
  pending: boolean;
  initialReason?: string;
  label?: string;
  intro?: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; comment?: string }>();
  const submitButton = <SubmitButton type={type} pending={pending} danger={DANGER.has(type)} />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ reason: initialReason ?? '' }}
      onFinish={(v) => void submit({ reason: v.reason.trim() }, v.comment)}
      data-testid={`form-${type}`}
    >
      {intro}
      <Form.Item
        name="reason"
        label={label ?? t('cases.action.reason')}
        rules={[{ required: true, whitespace: true, message: t('cases.action.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('cases.action.reasonPlaceholder')} data-testid="case-reason" />
      </Form.Item>
      {type === 'withdraw' ? (
        <Popconfirm title={t('cases.action.confirmWithdraw')} onConfirm={() => form.submit()}>
          <Button type="primary" danger loading={pending} data-testid="case-submit" data-event={type} block>
            {t(`cases.event.${type}`)}
          </Button>
        </Popconfirm>
      ) : (
        submitButton
      )}
    </Form>
  );
}

function VerificationAction({ detail, submit, pending, stepDate }: { detail: CaseDetail; submit: Submit; pending: boolean; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerificationValues>();
  const window = detail.incomeWindow;
  const month = defaultAmountMonth(stepDate, window);
  // Computed once per case version: a later change of 办理日期 must not wipe what was typed.
  const initial = useMemo<VerificationValues>(() => {
    const previous = latestVerificationData(detail);
    const members = membersFromHousehold(detail.household?.members ?? [], stepDate);
    return verificationValuesFrom(previous, members, month);
  }, [detail]);
  if (!detail.household) {
    return <Alert type="warning" showIcon className="fp-section" title={t('cases.link.beforeVerification')} data-testid="verify-needs-household" />;
  }
  const hasConsentFile = detail.attachments.some((a) => a.purpose === 'consent');
  // Members carry fields without inputs (id, name, relation): read every stored value, not only the inputs'.
  const onFinish = () => void submit(buildVerificationData(form.getFieldsValue(true), month), undefined);
  return (
    <Form<VerificationValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      scrollToFirstError
      // The month inputs carry the window as min/max (the phone's picker offers only those months);
      // the row's own message says why, so the browser's bubble must not cover it and block the check.
      noValidate
      data-testid="form-recordVerification"
    >
      <VerificationFields
        form={form}
        stepDate={stepDate}
        window={window}
        hasConsentFile={hasConsentFile}
        consentSlot={<AttachmentUpload caseId={detail.id} purpose="consent" attachments={detail.attachments} />}
      />
      <SubmitButton type="recordVerification" pending={pending} />
    </Form>
  );
}

function PropertyCheckAction({ detail, submit, pending }: { detail: CaseDetail; submit: Submit; pending: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Pick<VerificationValues, 'vehicles' | 'businessLicences' | 'urbanHousing' | 'hiresLabour' | 'largeScaleFarming'> & { notes?: string }>();
  const automatic = findingLines(t, propertyFindings(detail));
  const declared = findingLines(t, (latestVerificationData(detail)?.assets ?? null) as Record<string, unknown> | null);
  // Nobody to search: say so rather than "nothing found" (the server refuses the step too).
  if (!detail.household || detail.household.size === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        className="fp-section"
        title={t(detail.household ? 'cases.link.emptyHousehold' : 'cases.link.beforePropertyCheck')}
        data-testid="property-needs-household"
      />
    );
  }
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ vehicles: [], businessLicences: [], urbanHousing: [], hiresLabour: false, largeScaleFarming: false }}
      onFinish={(values) => {
        const manual = buildManualFindings(values);
        const data: Record<string, unknown> = {};
        if (!isEmptyFindings(manual)) data.manualFindings = manual;
        if (values.notes?.trim()) data.notes = values.notes.trim();
        void submit(data);
      }}
      data-testid="form-recordPropertyCheck"
    >
      <div className="fp-property-block" data-testid="property-automatic">
        <div className="fp-verify-sub">{t('cases.property.automatic')}</div>
        {automatic === null ? (
          <span className="fp-muted fp-small">{t('cases.property.automaticOnSubmit')}</span>
        ) : automatic.length === 0 ? (
          <span className="fp-muted">{t('cases.property.noAutomatic')}</span>
        ) : (
          <span className="fp-tag-list">
            {automatic.map((line) => (
              <Tag key={line} color="red">
                {line}
              </Tag>
            ))}
          </span>
        )}
      </div>
      <div className="fp-property-block" data-testid="property-declared">
        <div className="fp-verify-sub">{t('cases.property.declared')}</div>
        {declared && declared.length > 0 ? (
          <span className="fp-tag-list">
            {declared.map((line) => (
              <Tag key={line} color="orange">
                {line}
              </Tag>
            ))}
          </span>
        ) : (
          <span className="fp-muted">{t('cases.property.nothing')}</span>
        )}
      </div>
      <Section title={t('cases.property.manual')} testId="property-manual">
        <div className="fp-muted fp-small fp-verify-hint">{t('cases.property.manualHint')}</div>
        <AssetFields testPrefix="property" />
      </Section>
      <Form.Item name="notes" label={t('cases.property.notes')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="property-notes" />
      </Form.Item>
      <SubmitButton type="recordPropertyCheck" pending={pending} />
    </Form>
  );
}

interface DeliberationValues {
  heldOn: string;
  attendees: number;
  minutes: string;
  result: 'recommend' | 'notRecommend';
  reason?: string;
}

function DeliberationAction({ detail, submit, pending, today, stepDate }: { detail: CaseDetail; submit: Submit; pending: boolean; today: string; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeliberationValues>();
  const result = Form.useWatch('result', form);
  useFollowStepDate(form, 'heldOn', stepDate);
  const required = { required: true, message: t('cases.deliberation.required') };
  return (
    <Form<DeliberationValues>
      form={form}
      layout="vertical"
      initialValues={{ heldOn: stepDate, result: 'recommend' }}
      onFinish={(v) =>
        void submit({
          result: v.result,
          heldOn: v.heldOn,
          attendees: v.attendees,
          minutes: v.minutes.trim(),
          ...(v.result === 'notRecommend' && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        })
      }
      data-testid="form-recordDeliberation"
    >
      <div className="fp-form-row">
        <Form.Item name="heldOn" label={t('cases.deliberation.heldOn')} rules={[required]}>
          <Input type="date" max={today} data-testid="deliberation-date" />
        </Form.Item>
        <Form.Item name="attendees" label={t('cases.deliberation.attendees')} rules={[required]}>
          <InputNumber<number> min={1} max={500} precision={0} data-testid="deliberation-attendees" />
        </Form.Item>
      </div>
      <Form.Item name="minutes" label={t('cases.deliberation.minutes')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea rows={4} maxLength={4000} placeholder={t('cases.deliberation.minutesPlaceholder')} data-testid="deliberation-minutes" />
      </Form.Item>
      <Form.Item label={t('cases.deliberation.minutesPhoto')}>
        <AttachmentUpload caseId={detail.id} purpose="minutes" attachments={detail.attachments} />
      </Form.Item>
      <Form.Item name="result" label={t('cases.deliberation.result')} rules={[required]}>
        <Radio.Group className="fp-radio-stack" data-testid="deliberation-result">
          <Radio value="recommend" data-testid="deliberation-recommend">
            {t('cases.deliberation.recommend')}
          </Radio>
          <Radio value="notRecommend" data-testid="deliberation-not-recommend">
            {t('cases.deliberation.notRecommend')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {result === 'notRecommend' ? (
        <Form.Item name="reason" label={t('cases.deliberation.reasonIfNot')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="deliberation-reason" />
        </Form.Item>
      ) : null}
      <SubmitButton type="recordDeliberation" pending={pending} />
    </Form>
  );
}

/** The notice in force: its dates and the print link (shown above the notice actions). */
export function NoticeInfo({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const notice = useCaseNotice(detail.id);
  return (
    <div className="fp-notice-info" data-testid="notice-info">
      {notice.data ? (
        <Descriptions size="small" column={1} className="fp-notice-desc">
          <Descriptions.Item label={t('cases.notice.startOn')}>
            <span className="fp-mono" data-testid="notice-start">
              {notice.data.startOn}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.notice.endOn')}>
            <span className="fp-mono" data-testid="notice-end">
              {notice.data.endOn}
            </span>
            <span className="fp-muted"> （{t('cases.notice.days', { count: notice.data.days })}）</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Link to={`/cases/${detail.id}/notice`} data-testid="notice-print-link">
        <Button icon={<PrinterOutlined />}>{t('cases.notice.print')}</Button>
      </Link>
    </div>
  );
}

interface DecideValues {
  decision: 'approved' | 'rejected';
  category?: string;
  riskTypes?: string[];
  effectiveOn?: string;
  reason?: string;
}

function CountyDecideAction({ detail, submit, pending, stepDate }: { detail: CaseDetail; submit: Submit; pending: boolean; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecideValues>();
  // 认定日期 is the day of the decision unless the county sets another.
  useFollowStepDate(form, 'effectiveOn', stepDate);
  const decision = Form.useWatch('decision', form);
  const [problem, setProblem] = useState<string | null>(null);
  const suggested = detail.assessment;
  return (
    <Form<DecideValues>
      form={form}
      layout="vertical"
      initialValues={{
        decision: 'approved',
        category: suggested?.suggestedCategory ?? undefined,
        riskTypes: [...(suggested?.riskTypes ?? detail.riskTypes ?? [])].slice(0, 5),
        effectiveOn: stepDate,
      }}
      onFinish={(v) => {
        const why = decisionProblem(v);
        setProblem(why);
        if (why) return;
        void submit(
          v.decision === 'approved'
            ? { decision: 'approved', category: v.category, riskTypes: v.riskTypes, effectiveOn: v.effectiveOn }
            : { decision: 'rejected', reason: v.reason?.trim() },
        );
      }}
      data-testid="form-countyDecide"
    >
      <Form.Item name="decision" label={t('cases.decision.decision')}>
        <Radio.Group className="fp-radio-stack">
          <Radio value="approved" data-testid="decision-approved">
            {t('cases.decision.approved')}
          </Radio>
          <Radio value="rejected" data-testid="decision-rejected">
            {t('cases.decision.rejected')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {decision === 'rejected' ? (
        <Form.Item name="reason" label={t('cases.decision.reason')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-reason" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="category" label={t('cases.decision.category')}>
            <Radio.Group className="fp-radio-stack" data-testid="decision-category">
              {(['unstable', 'marginal', 'sudden'] as const).map((c) => (
                <Radio key={c} value={c} data-testid={`decision-category-${c}`}>
                  {t(`cases.category.${c}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="riskTypes" label={t('cases.decision.riskTypes')}>
            <Select
              mode="multiple"
              maxCount={5}
              options={RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))}
              optionFilterProp="label"
              data-testid="decision-risk-types"
              aria-label={t('cases.decision.riskTypes')}
            />
          </Form.Item>
          <Form.Item name="effectiveOn" label={t('cases.decision.effectiveOn')}>
            <Input type="date" data-testid="decision-effective-on" />
          </Form.Item>
        </>
      )}
      {problem ? <Alert type="error" showIcon className="fp-section" title={t(`cases.decision.${problem}`)} data-testid="decision-problem" /> : null}
      <CommentField />
      <SubmitButton type="countyDecide" pending={pending} />
    </Form>
  );
}

function CallbackAction({ submit, pending }: { submit: Submit; pending: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ result: string; objection: boolean }>();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ objection: false }}
      onFinish={(v) => void submit({ result: v.result.trim(), objection: v.objection })}
      data-testid="form-recordCallback"
    >
      <Form.Item
        name="result"
        label={t('cases.callback.result')}
        rules={[{ required: true, whitespace: true, message: t('cases.deliberation.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('cases.callback.resultPlaceholder')} data-testid="callback-result" />
      </Form.Item>
      <Form.Item name="objection" label={t('cases.callback.objection')}>
        <Radio.Group>
          <Radio value={false} data-testid="callback-no-objection">
            {t('cases.callback.no')}
          </Radio>
          <Radio value={true} data-testid="callback-objection">
            {t('cases.callback.yes')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <SubmitButton type="recordCallback" pending={pending} />
    </Form>
  );
}

const MEASURE_SUGGESTIONS = ['临时救助', '医疗救助', '纳入低保', '慈善救助', '防贫保险理赔', '公益岗位'];

function AssistanceAction({ submit, pending, stepDate }: { submit: Submit; pending: boolean; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ measure: string; amount?: number | null; on: string }>();
  useFollowStepDate(form, 'on', stepDate);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ on: stepDate }}
      onFinish={(v) =>
        void submit({ measure: v.measure.trim(), on: v.on, ...(typeof v.amount === 'number' ? { amount: v.amount } : {}) }).then((ok) => {
          if (ok) form.resetFields();
        })
      }
      data-testid="form-recordAssistance"
    >
      <Alert type="success" showIcon className="fp-section" title={t('cases.assistance.hint')} />
      <Form.Item
        name="measure"
        label={t('cases.assistance.measure')}
        rules={[{ required: true, whitespace: true, message: t('cases.deliberation.required') }]}
      >
        <AutoComplete
          options={MEASURE_SUGGESTIONS.map((m) => ({ value: m }))}
          placeholder={t('cases.assistance.measurePlaceholder')}
          data-testid="assistance-measure"
        />
      </Form.Item>
      <div className="fp-form-row">
        <Form.Item name="amount" label={t('cases.assistance.amount')}>
          <InputNumber<number> min={0} step={100} precision={2} data-testid="assistance-amount" />
        </Form.Item>
        <Form.Item name="on" label={t('cases.assistance.on')} rules={[{ required: true, message: t('cases.deliberation.required') }]}>
          <Input type="date" data-testid="assistance-on" />
        </Form.Item>
      </div>
      <SubmitButton type="recordAssistance" pending={pending} />
    </Form>
  );
}

/** Reasons the assessment gives against inclusion, as a starting text for a rejection. */
function rejectionDraft(assessment: HouseholdAssessment | null): string {
  const against = assessment?.reasons.filter((r) => r.effect === 'against').map((r) => r.message) ?? [];
  return against.join('；');
}

/**
 * 系统评估 before it is recorded: the county runs the assessment on the facts gathered so far (the
 * server computes it with the members' exact ages, nothing stored) and sees why before choosing to
 * send the case to the village deliberation or to reject it.
 */
function AssessmentPreview({
  detail,
  preview,
  onPreview,
}: {
  detail: CaseDetail;
  preview: HouseholdAssessment | null;
  onPreview: (a: HouseholdAssessment) => void;
}) {
  const { t, i18n } = useTranslation();
  const run = useAssessmentPreview(detail.id);
  const onRun = () => {
    run.mutate(undefined, { onSuccess: (result) => onPreview(result) });
  };
  return (
    <div className="fp-assessment-preview" data-testid="assessment-preview">
      <Alert type="info" showIcon className="fp-section" title={t('cases.assessment.intro')} />
      <Button type={preview ? 'default' : 'primary'} onClick={onRun} loading={run.isPending} data-testid="assessment-run" block>
        {t('cases.assessment.run')}
      </Button>
      {run.isError ? (
        <Alert
          type="error"
          showIcon
          className="fp-section"
          title={describeError(t, run.error, i18n.language).title}
          description={describeError(t, run.error, i18n.language).detail}
        />
      ) : null}
      {preview ? (
        <div className="fp-assessment-preview-result">
          <AssessmentView assessment={preview} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The actions the server allows this actor now (`allowedEvents`), one form at a time. Every event
 * carries the version of the case that was shown: 409 means someone else acted first (reload), 422
 * shows the workflow's reason.
 */
export function CaseActions({ detail, today }: { detail: CaseDetail; today: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const post = usePostCaseEvent(detail.id);
  const events = orderedEvents(detail.allowedEvents);
  const [active, setActive] = useState<CaseEventType | null>(events[0] ?? null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [occurredOn, setOccurredOn] = useState(today);
  const [preview, setPreview] = useState<HouseholdAssessment | null>(null);
  const eventsKey = events.join(',');

  // A new step offers other actions: start on the first one again, dated today unless changed.
  useEffect(() => {
    setActive(eventsKey ? (eventsKey.split(',')[0] as CaseEventType) : null);
    setRefusal(null);
    setOccurredOn(today);
  }, [eventsKey, detail.step, today]);

  if (events.length === 0) {
    return (
      <div className="fp-muted" data-testid="case-no-actions">
        {detail.step === 'closed'
          ? t('cases.detail.closedNote')
          : detail.step === 'withdrawn'
            ? t('cases.detail.withdrawnNote')
            : t('cases.detail.readOnly')}
      </div>
    );
  }

  const submit =
    (type: CaseEventType): Submit =>
    async (data, comment) => {
      setRefusal(null);
      try {
        await post.mutateAsync({
          type,
          version: detail.version,
          ...(occurredOn && occurredOn !== today ? { occurredOn } : {}),
          ...(data ? { data } : {}),
          ...(comment?.trim() ? { comment: comment.trim() } : {}),
        });
        void message.success(t('cases.action.done', { event: t(`cases.event.${type}`) }));
        return true;
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          void message.warning({ content: <span data-testid="case-conflict">{t('cases.action.conflict')}</span>, duration: 6 });
          await queryClient.invalidateQueries({ queryKey: caseKeys.detail(detail.id) });
          return false;
        }
        if (isApiError(error) && error.status === 422) {
          const { title, detail: why } = describeError(t, error, i18n.language);
          setRefusal(why || title);
          return false;
        }
        const { title, detail: why } = describeError(t, error, i18n.language);
        setRefusal(why ? `${title}：${why}` : title);
        return false;
      }
    };

  const pending = post.isPending;
  const form = (type: CaseEventType): ReactNode => {
    const s = submit(type);
    switch (type) {
      case 'linkHousehold':
        return <HouseholdLinkAction detail={detail} submit={s} pending={pending} />;
      case 'recordVerification':
        return <VerificationAction detail={detail} submit={s} pending={pending} stepDate={occurredOn} />;
      case 'recordPropertyCheck':
        return <PropertyCheckAction detail={detail} submit={s} pending={pending} />;
      case 'recordDeliberation':
        return <DeliberationAction detail={detail} submit={s} pending={pending} today={today} stepDate={occurredOn} />;
      case 'countyDecide':
        return <CountyDecideAction detail={detail} submit={s} pending={pending} stepDate={occurredOn} />;
      case 'recordCallback':
        return <CallbackAction submit={s} pending={pending} />;
      case 'recordAssistance':
        return <AssistanceAction submit={s} pending={pending} stepDate={occurredOn} />;
      case 'screenOut':
      case 'withdraw':
        return <ReasonForm type={type} submit={s} pending={pending} />;
      case 'rejectAfterAssessment':
        return (
          <ReasonForm
            type={type}
            submit={s}
            pending={pending}
            initialReason={rejectionDraft(preview ?? detail.assessment)}
            intro={<Alert type="warning" showIcon className="fp-section" title={t('cases.assessment.rejectHint')} />}
          />
        );
      case 'townshipReturn':
        return <ReasonForm type={type} submit={s} pending={pending} label={t('cases.township.returnReason')} />;
      case 'raiseObjection':
        return (
          <ReasonForm
            type={type}
            submit={(data, comment) => s({ note: typeof data?.reason === 'string' ? data.reason : '' }, comment)}
            pending={pending}
            label={t('cases.notice.objectionNote')}
            intro={<Alert type="info" showIcon className="fp-section" title={t('cases.notice.objectionHint')} />}
          />
        );
      case 'recordAssessment':
        return <SimpleForm type={type} submit={s} pending={pending} />;
      default:
        return <SimpleForm type={type} submit={s} pending={pending} />;
    }
  };

  return (
    <div className="fp-case-actions" data-testid="case-actions">
      {detail.step === 'publicNotice' ? <NoticeInfo detail={detail} /> : null}
      {detail.step === 'systemAssessment' ? (
        <AssessmentPreview key={detail.version} detail={detail} preview={preview} onPreview={setPreview} />
      ) : null}
      {events.length > 1 ? (
        <div className="fp-case-action-choices" role="tablist" aria-label={t('cases.action.choose')}>
          {events.map((type) => (
            <Button
              key={type}
              role="tab"
              aria-selected={active === type}
              type={active === type ? 'primary' : 'default'}
              ghost={active === type}
              danger={DANGER.has(type)}
              size="small"
              onClick={() => {
                setActive(type);
                setRefusal(null);
              }}
              data-testid={`case-action-${type}`}
            >
              {t(`cases.event.${type}`)}
            </Button>
          ))}
        </div>
      ) : (
        <div className="fp-case-action-single" data-testid={`case-action-${events[0]}`}>
          {t(`cases.event.${events[0]}`)}
        </div>
      )}
      {refusal ? (
        <Alert type="error" showIcon className="fp-section" title={t('cases.action.refused')} description={refusal} data-testid="case-refusal" />
      ) : null}
      <label className="fp-occurred-on">
        <span className="fp-muted">{t('cases.action.occurredOn')}</span>
        <Input
          type="date"
          size="small"
          value={occurredOn}
          max={today}
          min={detail.timeline.at(-1)?.onDate}
          onChange={(e) => setOccurredOn(e.target.value || today)}
          data-testid="case-occurred-on"
          aria-label={t('cases.action.occurredOn')}
        />
        <span className="fp-muted fp-small">{t('cases.action.occurredOnHint')}</span>
      </label>
      {active ? (
        <div className="fp-case-action-form" key={active}>
          {form(active)}
        </div>
      ) : null}
    </div>
  );
}
