import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseNotice } from '@fangpin/domain';
import { ErrorState } from '../ui/ErrorState';
import './cases.css';

/** `2026-11-29` → `2026年11月29日` (notices are dated the Chinese way). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** What every notice carries around its table (the server's `noticeFrame`). */
export type NoticeFrame = Omit<CaseNotice, 'entries'>;

/**
 * A 公示 on one A4 page for the village board: heading, place, intro, period, a table of households,
 * the objections how-to, the contact and the county's supervision number, the issuers and the date.
 * Always in Chinese (it is posted in the village), whatever the reader's language; the toolbar (back,
 * print) follows the reader's. Print CSS hides the app's menu and header. The identification and the
 * risk-elimination notices both print through it.
 */
export function NoticeSheet(props: {
  query: { data: NoticeFrame | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  back: { to: string; label: string };
  heading: string;
  intro: string;
  columns: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  const { query, back, heading, intro, columns, rows } = props;
  const { t } = useTranslation();
  const zh = (key: string, options?: Record<string, unknown>) => t(key, { ...options, lng: 'zh-CN' });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const n = query.data;
  return (
    <div className="fp-notice-page" data-testid="notice-page">
      <div className="fp-notice-toolbar fp-no-print">
        <Link to={back.to}>
          <ArrowLeftOutlined /> {back.label}
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
            {heading}
          </h1>
          <p className="fp-notice-place" data-testid="notice-place">
            {n.countyName} {n.townshipName} {n.villageName}
          </p>
          <p className="fp-notice-intro">{intro}</p>
          <p className="fp-notice-period" data-testid="notice-period">
            {zh('cases.print.period', { start: chineseDate(n.startOn), end: chineseDate(n.endOn), days: n.days })}
          </p>
          <table className="fp-notice-table" data-testid="notice-table">
            <thead>
              <tr>
                <th>{zh('cases.print.no')}</th>
                {columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i} data-testid="notice-entry">
                  <td>{i + 1}</td>
                  {cells.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
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
