import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../app/signed-in-user';
import { PageHeader } from '../ui/PageHeader';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { ChangePasswordForm } from './ChangePasswordForm';

/** 修改密码: every user changes their own password here (the current one is required). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const me = useSignedInUser();
  return (
    <div className="fp-page fp-narrow-page" data-testid="change-password-page">
      <PageHeader title={t('account.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('account.intro')}</Typography.Paragraph>
        <ChangePasswordForm me={me} />
      </Card>
    </div>
  );
}
