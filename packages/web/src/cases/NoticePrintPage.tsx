import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useCaseNotice } from './hooks';
import { NoticeSheet } from './NoticeSheet';

/**
 * 公示 of an identification for the village notice board, on one A4 page: only the head's name,
 * household size, group and the proposed category (the server sends nothing else: no ID number,
 * phone, bank or health detail). Always in Chinese: it is posted in the village.
 */
export function NoticePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const notice = useCaseNotice(id);
  useDocumentTitle('防止返贫监测对象识别公示');
  const zh = (key: string) => t(key, { lng: 'zh-CN' });
  return (
    <NoticeSheet
      query={notice}
      back={{ to: `/cases/${id}`, label: t('cases.print.back') }}
      heading={zh('cases.print.heading')}
      intro={zh('cases.print.intro')}
      columns={[zh('cases.print.head'), zh('cases.print.size'), zh('cases.print.category')]}
      rows={(notice.data?.entries ?? []).map((e) => [
        <span data-testid="notice-head">{e.headName}</span>,
        `${e.householdSize} 人`,
        <span data-testid="notice-category">{e.categoryZh}</span>,
      ])}
    />
  );
}
