import { Alert, Button, Form, Input, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdAssessment } from '@fangpin/domain';
import type { CaseEventType } from '../types';
import { DANGER, SubmitButton, type ActionProps } from './action-kit';
import { describeAssessmentReason, textLanguage, type TextLanguage } from '../../i18n/server-texts';

/** Events that need a reason (screen out, reject, return, withdraw). */
export function ReasonAction({
  type,
  submit,
  pending,
  initialReason,
  label,
  intro,
}: {
  type: CaseEventType;
  initialReason?: string;
  label?: string;
  intro?: ReactNode;
} & ActionProps) {
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

/** Reasons the assessment gives against inclusion, as a starting text for a rejection. */
export function rejectionDraft(assessment: HouseholdAssessment | null, lang: TextLanguage): string {
  const against = assessment?.reasons.filter((r) => r.effect === 'against').map((r) => describeAssessmentReason(r, lang)) ?? [];
  return against.join(lang === 'en' ? '; ' : '；');
}

/** 评估后不予认定: the reason starts from what the assessment (or its preview) says against inclusion. */
export function RejectAfterAssessmentAction({ assessment, ...props }: ActionProps & { assessment: HouseholdAssessment | null }) {
  const { t, i18n } = useTranslation();
  return (
    <ReasonAction
      type="rejectAfterAssessment"
      {...props}
      initialReason={rejectionDraft(assessment, textLanguage(i18n.language))}
      intro={<Alert type="warning" showIcon className="fp-section" title={t('cases.assessment.rejectHint')} />}
    />
  );
}

/** 乡镇退回: the reason is what the village must fix. */
export function TownshipReturnAction(props: ActionProps) {
  const { t } = useTranslation();
  return <ReasonAction type="townshipReturn" {...props} label={t('cases.township.returnReason')} />;
}

/** 公示异议: the objection's note is sent as `note`. */
export function ObjectionAction({ submit, pending }: ActionProps) {
  const { t } = useTranslation();
  return (
    <ReasonAction
      type="raiseObjection"
      submit={(data, comment) => submit({ note: typeof data?.reason === 'string' ? data.reason : '' }, comment)}
      pending={pending}
      label={t('cases.notice.objectionNote')}
      intro={<Alert type="info" showIcon className="fp-section" title={t('cases.notice.objectionHint')} />}
    />
  );
}
