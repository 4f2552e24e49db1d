import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentUpload } from '../AttachmentUpload';
import type { CaseDetail } from '../types';
import { RadioStack, SubmitButton, useFollowStepDate, type ActionProps } from './action-kit';

interface DeliberationValues {
  heldOn: string;
  attendees: number;
  minutes: string;
  result: 'recommend' | 'notRecommend';
  reason?: string;
}

/** 村民代表评议: when, how many attended, the minutes (and their photo), and the result. */
export function DeliberationAction({ detail, submit, pending, today, stepDate }: ActionProps & { detail: CaseDetail; today: string; stepDate: string }) {
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
      <RadioStack
        name="result"
        label={t('cases.deliberation.result')}
        rules={[required]}
        testId="deliberation-result"
        options={[
          { value: 'recommend', label: t('cases.deliberation.recommend'), testId: 'deliberation-recommend' },
          { value: 'notRecommend', label: t('cases.deliberation.notRecommend'), testId: 'deliberation-not-recommend' },
        ]}
      />
      {result === 'notRecommend' ? (
        <Form.Item name="reason" label={t('cases.deliberation.reasonIfNot')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="deliberation-reason" />
        </Form.Item>
      ) : null}
      <SubmitButton type="recordDeliberation" pending={pending} />
    </Form>
  );
}
