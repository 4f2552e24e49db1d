import { App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { newPasswordRule, sameAsRule } from '../account/password-rule';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useSetPassword } from './hooks';
import type { ManagedUser } from './types';

interface PasswordForm {
  password: string;
  confirm: string;
  mustChangePassword: boolean;
}

/** 设置密码: the admin types another account's new password; by default the person must change it at the next login. */
export function SetPasswordModal({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const setPassword = useSetPassword();
  const close = () => {
    setPassword.reset();
    onClose();
  };
  return (
    <Modal
      open={!!user}
      title={user ? t('users.password.title', { name: user.displayName }) : ''}
      okText={t('users.password.submit')}
      cancelText={t('users.form.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={setPassword.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'set-password-submit' }}
    >
      <ProblemAlert error={setPassword.error} className="fp-section" testId="set-password-error" />
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ mustChangePassword: true }}
        onFinish={(values) =>
          user &&
          setPassword.mutate(
            { user, password: values.password, mustChangePassword: values.mustChangePassword },
            {
              onSuccess: () => {
                void message.success(t('users.password.done', { name: user.displayName }));
                close();
              },
            },
          )
        }
      >
        <Form.Item
          name="password"
          label={t('account.newPassword')}
          extra={t('account.policy')}
          rules={[{ required: true, message: t('account.newRequired') }, newPasswordRule(i18n.language, user?.username)]}
        >
          <Input.Password autoComplete="new-password" data-testid="set-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['password']}
          rules={[{ required: true, message: t('account.confirmRequired') }, sameAsRule('password', t('account.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" data-testid="set-password-confirm" />
        </Form.Item>
        <Form.Item name="mustChangePassword" valuePropName="checked">
          <Checkbox>{t('users.form.mustChange')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
