import { PaperClipOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Empty, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../households/age';
import { HelperVisitForm } from './HelperVisitForm';
import { useHelperVisits, type HelperVisit } from './visits-api';

const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

function VisitItem({ visit }: { visit: HelperVisit }) {
  const { t } = useTranslation();
  const a = visit.assessment;
  return (
    <li data-testid="helper-visit">
      <div className="fp-measure-top">
        <strong>{visit.visitedOn}</strong>
        <span className="fp-muted">{t('monitoring.visits.by', { name: visit.visitorName })}</span>
      </div>
      <div className="fp-visit-text" data-testid="helper-visit-observed">
        {visit.observed}
      </div>
      {visit.problems ? (
        <div className="fp-visit-text">
          <span className="fp-muted">{t('monitoring.visits.problems')}：</span>
          {visit.problems}
        </div>
      ) : null}
      {a && visit.incomeYear !== null ? (
        <div className="fp-visit-assessment" data-testid="helper-visit-assessment">
          <span className="fp-muted">{t('monitoring.visits.income', { year: visit.incomeYear })}：</span>
          {t('monitoring.visits.assessment', { income: yuan(a.perCapitaNetIncome), line: yuan(a.monitoringLine) })}
          <Tag color={a.withinLine ? 'volcano' : 'green'} className="fp-visit-line-tag">
            {a.withinLine ? t('monitoring.visits.withinLine') : t('monitoring.visits.aboveLine')}
          </Tag>
          <span className="fp-muted fp-mono" data-testid="helper-visit-ruleset">
            {t('monitoring.visits.ruleSet', { version: a.ruleSetVersion })}
          </span>
        </div>
      ) : null}
      {visit.attachments.length > 0 ? (
        <div className="fp-measure-files">
          {visit.attachments.map((f) => (
            <a key={f.id} href={f.url} target="_blank" rel="noreferrer" data-testid="helper-visit-photo">
              <PaperClipOutlined /> {f.fileName}
            </a>
          ))}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The household's 帮扶走访: the rhythm the rule set asks for, the last visit and when the next is
 * due (red once overdue), every visit with its income update and reassessment, and — for those who
 * may — the button to record one.
 */
export function HelperVisitsView({ householdId, identifiedOn }: { householdId: string; identifiedOn: string | null }) {
  const { t } = useTranslation();
  const visits = useHelperVisits(householdId);
  const [open, setOpen] = useState(false);
  if (!visits.data) return null;
  const { items, lastVisitOn, nextVisitDueOn, intervalMonths, canRecord } = visits.data;
  const isOverdue = nextVisitDueOn !== null && todayInChina() > nextVisitDueOn;
  return (
    <div data-testid="helper-visits">
      <div className="fp-page-header fp-monitoring-subhead">
        <strong>{t('monitoring.visits.title')}</strong>
        {canRecord ? (
          <Button className="fp-monitoring-assign" type="primary" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="helper-visit-add">
            {t('monitoring.visits.add')}
          </Button>
        ) : null}
      </div>
      <div className="fp-visit-schedule" data-testid="helper-visit-schedule">
        {intervalMonths ? <span className="fp-muted">{t('monitoring.visits.rhythm', { count: intervalMonths })}</span> : null}
        <span>
          {t('monitoring.visits.last')}：{lastVisitOn ?? t('monitoring.visits.never')}
        </span>
        {nextVisitDueOn ? (
          isOverdue ? (
            <span className="fp-monitoring-overdue" data-testid="helper-visit-overdue">
              <WarningOutlined /> {t('monitoring.visitOverdue', { date: nextVisitDueOn })}
            </span>
          ) : (
            <span data-testid="helper-visit-next">
              {t('monitoring.visits.next')}：{nextVisitDueOn}
            </span>
          )
        ) : null}
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.visits.empty')} />
      ) : (
        <ul className="fp-helper-list fp-measure-list" data-testid="helper-visit-list">
          {items.map((v) => (
            <VisitItem key={v.id} visit={v} />
          ))}
        </ul>
      )}
      {open ? <HelperVisitForm householdId={householdId} identifiedOn={identifiedOn} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
