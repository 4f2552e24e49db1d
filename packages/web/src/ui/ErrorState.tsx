import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDescribedError } from './problem';

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const { title, detail } = useDescribedError(t, error, i18n.language) ?? { title: t('errors.generic'), detail: '' };
  return (
    <Result
      status="warning"
      title={title}
      subTitle={detail}
      data-testid="error-state"
      extra={onRetry ? <Button onClick={onRetry}>{t('errors.retry')}</Button> : null}
    />
  );
}
