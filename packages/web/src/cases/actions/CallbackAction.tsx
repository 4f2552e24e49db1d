import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { SubmitButton, type ActionProps } from './action-kit';

/** 回访: what the household said and whether it objects. */
export function CallbackAction({ submit, pending }: ActionProps) {
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
