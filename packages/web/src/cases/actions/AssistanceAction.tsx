import { Alert, AutoComplete, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { SubmitButton, useFollowStepDate, type ActionProps } from './action-kit';

const MEASURE_SUGGESTIONS = ['临时救助', '医疗救助', '纳入低保', '慈善救助', '防贫保险理赔', '公益岗位'];

/** 帮扶措施: one measure at a time (the form empties after each). */
export function AssistanceAction({ submit, pending, stepDate }: ActionProps & { stepDate: string }) {
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
