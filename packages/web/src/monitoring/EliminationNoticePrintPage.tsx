import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NoticeSheet } from '../cases/NoticeSheet';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useEliminationNotice } from './elimination-api';

/**
 * 公示 of a risk elimination for the village notice board, on one A4 page, once the case's notice has
 * started: per household only the head's name, household size, monitoring category and the mode
 * (帮扶消除 / 自然消除) — the server sends nothing else (no ID number, phone, bank, risk or health
 * detail); the period (≥ 5 days), objections how-to and the county's number as on every notice.
 * Always in Chinese: it is posted in the village.
 */
export function EliminationNoticePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const notice = useEliminationNotice(id);
  useDocumentTitle('防止返贫监测对象风险消除公示');
  const zh = (key: string) => t(key, { lng: 'zh-CN' });
  return (
    <NoticeSheet
      query={notice}
      back={{ to: `/eliminations/${id}`, label: t('elimination.print.back') }}
      heading={zh('elimination.print.heading')}
      intro={zh('elimination.print.intro')}
      columns={[zh('cases.print.head'), zh('cases.print.size'), zh('elimination.print.category'), zh('elimination.print.mode')]}
      rows={(notice.data?.entries ?? []).map((e) => [
        <span data-testid="notice-head">{e.headName}</span>,
        `${e.householdSize} 人`,
        e.categoryZh,
        <span data-testid="notice-mode">{e.modeZh}</span>,
      ])}
    />
  );
}
