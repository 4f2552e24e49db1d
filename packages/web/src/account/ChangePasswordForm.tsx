import { LockOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useChangeOwnPassword } from './hooks';
import { newPasswordRule, sameAsRule } from './password-rule';
import './account.css';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Current password, new password twice, with the policy checked while typing (the same rule as the
 * server's). Calls `onDone` after the server accepted it.
 */
export function ChangePasswordForm({ me, onDone }: { me: Me; onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangeOwnPassword();

  const onFinish = (values: PasswordForm) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: ({ endedSessions }) => {
          form.resetFields();
          void message.success(endedSessions > 0 ? t('account.signedOutElsewhere', { count: endedSessions }) : t('account.saved'));
          onDone?.();
        },
      },
    );

  return (
    <Form<PasswordForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish} data-testid="password-form">
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <ProblemAlert error={change.error} className="fp-section" testId="password-error" />
      <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Typography.Paragraph type="secondary" className="fp-password-policy">
        {t('account.policy')}
      </Typography.Paragraph>
      <Form.Item
        name="newPassword"
        label={t('account.newPassword')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('account.newRequired') },
          newPasswordRule(i18n.language, me.username),
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('account.sameAsCurrent'));
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('account.confirmPassword')}
        dependencies={['newPassword']}
        rules={[{ required: true, message: t('account.confirmRequired') }, sameAsRule('newPassword', t('account.mismatch'))]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
        {t('account.submit')}
      </Button>
    </Form>
  );
}
