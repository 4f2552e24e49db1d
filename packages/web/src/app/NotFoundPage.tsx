import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../ui/NotFoundResult';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundResult title={t('notFound.title')} detail={t('notFound.detail')} back={t('notFound.home')} to="/" testId="not-found" />;
}
