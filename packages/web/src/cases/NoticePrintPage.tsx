import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useCaseNotice } from './hooks';
import './cases.css';

/** `2026-11-29` → `2026年11月29日` (notices are dated the Chinese way). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/**
 * 公示 for the village notice board, on one A4 page: only the head's name, household size, group and
 * the proposed category (the server sends nothing else: no ID number, phone, bank or health detail).
 * Always in Chinese: it is posted in the village. Print CSS hides the app's menu and header.
 */
export function NoticePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const notice = useCaseNotice(id);
  useDocumentTitle('防止返贫监测对象识别公示');
  const zh = (key: string, options?: Record<string, unknown>) => t(key, { ...options, lng: 'zh-CN' });

  if (notice.isError) return <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />;
  const n = notice.data;
  return (
    <div className="fp-notice-page" data-testid="notice-page">
      <div className="fp-notice-toolbar fp-no-print">
        <Link to={`/cases/${id}`}>
          <ArrowLeftOutlined /> {t('cases.print.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="notice-print">
          {t('cases.print.print')}
        </Button>
        <span className="fp-muted fp-small">{t('cases.print.privacy')}</span>
      </div>
      {!n ? (
        <Skeleton active />
      ) : (
        <article className="fp-notice-sheet" lang="zh-CN" data-testid="notice-sheet">
          <h1 className="fp-notice-title" data-testid="notice-title">
            {zh('cases.print.heading')}
          </h1>
          <p className="fp-notice-place" data-testid="notice-place">
            {n.countyName} {n.townshipName} {n.villageName}
          </p>
          <p className="fp-notice-intro">{zh('cases.print.intro')}</p>
          <p className="fp-notice-period" data-testid="notice-period">
            {zh('cases.print.period', { start: chineseDate(n.startOn), end: chineseDate(n.endOn), days: n.days })}
          </p>
          <table className="fp-notice-table" data-testid="notice-table">
            <thead>
              <tr>
                <th>{zh('cases.print.no')}</th>
                <th>{zh('cases.print.head')}</th>
                <th>{zh('cases.print.size')}</th>
                <th>{zh('cases.print.category')}</th>
              </tr>
            </thead>
            <tbody>
              {n.entries.map((e, i) => (
                <tr key={`${e.headName}-${i}`} data-testid="notice-entry">
                  <td>{i + 1}</td>
                  <td data-testid="notice-head">{e.headName}</td>
                  <td>{e.householdSize} 人</td>
                  <td data-testid="notice-category">{e.categoryZh}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="fp-notice-objections" data-testid="notice-objections">
            {n.objectionsNote || zh('cases.print.objections')}
          </p>
          <p className="fp-notice-contact">
            {zh('cases.print.contact')}：{n.contact}
          </p>
          {n.supervisionPhone ? (
            <p className="fp-notice-contact" data-testid="notice-supervision">
              {zh('cases.print.supervision')}：{n.supervisionPhone}
            </p>
          ) : null}
          <div className="fp-notice-sign">
            <div>{n.villageName}村民委员会</div>
            <div>{zh('cases.print.issuer', { township: n.townshipName })}</div>
            <div>{chineseDate(n.startOn)}</div>
          </div>
          <p className="fp-notice-number fp-muted">{n.caseNumber}</p>
        </article>
      )}
    </div>
  );
}
