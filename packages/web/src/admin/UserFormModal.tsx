import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, type Role } from '@fangpin/domain';
import { newPasswordRule } from '../account/password-rule';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useCreateUser } from './hooks';
import { assignableRoles, regionsForRole, type RegionOption } from './user-model';

interface NewUserForm {
  username: string;
  displayName?: string;
  role?: Role;
  region?: string;
  password: string;
  mustChangePassword: boolean;
}

/** 新建账号: username, name, role, a region the role may have, the initial password (policy checked while typing). */
export function UserFormModal({ open, onClose, regions }: { open: boolean; onClose: () => void; regions: readonly RegionOption[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserForm>();
  const role = Form.useWatch('role', form);
  const username = Form.useWatch('username', form);
  const create = useCreateUser();
  const roles = useMemo(() => assignableRoles(regions), [regions]);
  const regionOptions = useMemo(
    () => regionsForRole(regions, role).map((r) => ({ value: r.code, label: r.path, search: `${r.path} ${r.code}` })),
    [regions, role],
  );

  const submit = (values: NewUserForm) =>
    create.mutate(
      {
        username: values.username.trim(),
        ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
        role: values.role!,
        region: values.region!,
        password: values.password,
        mustChangePassword: values.mustChangePassword,
      },
      {
        onSuccess: ({ user }) => {
          void message.success(t('users.form.created', { username: user.username }), 6);
          form.resetFields();
          create.reset();
          onClose();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('users.form.title')}
      okText={t('users.form.submit')}
      cancelText={t('users.form.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      data-testid="user-form"
    >
      <ProblemAlert error={create.error} className="fp-section" testId="user-form-error" />
      <Form<NewUserForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ mustChangePassword: true }}>
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={t('users.form.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.form.usernameRequired') },
            { pattern: /^\s*[A-Za-z0-9._-]{3,50}\s*$/, message: t('users.form.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} data-testid="user-form-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.form.displayName')}>
          <Input maxLength={50} placeholder={t('users.form.displayNamePlaceholder')} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true, message: t('users.form.roleRequired') }]}>
          <Select<Role>
            options={roles.map((r) => ({ value: r, label: i18n.language === 'en' ? ROLE_LABELS[r].en : ROLE_LABELS[r].zh }))}
            onChange={() => form.setFieldValue('region', undefined)}
            data-testid="user-form-role"
          />
        </Form.Item>
        <Form.Item name="region" label={t('users.form.region')} rules={[{ required: true, message: t('users.form.regionRequired') }]}>
          <Select<string>
            showSearch={{ filterOption: (input, option) => String((option as { search?: string } | undefined)?.search ?? '').includes(input.trim()) }}
            options={regionOptions}
            disabled={!role}
            placeholder={role ? t('users.form.regionPlaceholder') : t('users.form.regionForRole')}
            popupMatchSelectWidth={false}
            data-testid="user-form-region"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.form.password')}
          dependencies={['username']}
          extra={t('account.policy')}
          rules={[{ required: true, message: t('account.newRequired') }, newPasswordRule(i18n.language, username)]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
        <Form.Item name="mustChangePassword" valuePropName="checked" extra={t('users.form.mustChangeHint')}>
          <Checkbox data-testid="user-form-must-change">{t('users.form.mustChange')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
