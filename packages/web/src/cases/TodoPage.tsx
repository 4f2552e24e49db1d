import { AlertOutlined, SafetyCertificateOutlined, AuditOutlined, CalendarOutlined, PhoneOutlined, SendOutlined, UserAddOutlined } from '@ant-design/icons';
import { ROLE_ACTIONS } from '@fangpin/domain';
import { Button, Card, Empty, Spin, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { todayInChina } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { CaseCard } from './CaseCard';
import { useCaseTodo } from './hooks';
import './cases.css';
import type { CaseSummary, EliminationTodo, TodoGroup, WarningTodo } from './types';
import { PageHeader } from '../ui/PageHeader';
import { riskTypeLabel } from '../department/labels';
import { VerifyWarningDialog } from '../warnings/VerifyWarningDialog';
import { useSignedInUser } from '../app/signed-in-user';
import { useMonitoringObjects } from '../monitoring/api';
import { describeWarning, textLanguage } from '../i18n/server-texts';

/** A to-do group's title: its icon and name, and how many it holds. */
function GroupTitle({ icon, label, count, countTestId }: { icon?: ReactNode; label: string; count: number; countTestId: string }) {
  return (
    <span className="fp-todo-group-title">
      {icon}
      {icon ? ' ' : null}
      {label}
      <span className="fp-todo-count" data-testid={countTestId}>
        {count}
      </span>
    </span>
  );
}

/** Dispatched warnings the village verifies at home: each with its verification dialog. */
function WarningsToVerify({
  items,
  total,
  onVerify,
}: {
  items: WarningTodo[];
  total: number;
  onVerify: (w: WarningTodo) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      size="small"
      className="fp-todo-group fp-todo-warnings"
      data-testid="todo-warnings"
      title={<GroupTitle icon={<AlertOutlined />} label={t('cases.todo.warningsToVerify')} count={total} countTestId="todo-warnings-count" />}
      extra={
        total > items.length ? (
          <Link to="/warnings?status=dispatched">{t('cases.todo.moreWarnings', { count: total })}</Link>
        ) : null
      }
    >
      <ul className="fp-case-list">
        {items.map((w) => (
          <li
            key={w.id}
            className="fp-todo-warning"
            data-testid="todo-warning"
            data-warning-id={w.id}
            data-household-id={w.householdId}
          >
            <div className="fp-todo-warning-top">
              <span className="fp-case-card-name">{w.headName ?? t('common.empty')}</span>
              <Tag color="orange">{riskTypeLabel(t, w.riskType)}</Tag>
            </div>
            <div className="fp-case-card-meta">
              <Link to={`/households/${w.householdId}`} className="fp-mono">
                {w.householdNumber}
              </Link>
              {w.villageName ? <span> · {w.villageName}</span> : null}
              {w.dueOn ? <span> · {t('cases.todo.warningDue', { date: w.dueOn })}</span> : null}
            </div>
            <div className="fp-todo-warning-message">{describeWarning(w, textLanguage(i18n.language))}</div>
            <Button
              type="primary"
              onClick={() => onVerify(w)}
              className="fp-todo-warning-verify"
              data-testid="todo-warning-verify"
            >
              {t('cases.todo.verify')}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Risk eliminations (风险消除) at a step the actor acts in: each opens its elimination page. */
function EliminationsToHandle({ items, total }: { items: EliminationTodo[]; total: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      className="fp-todo-group fp-todo-warnings"
      data-testid="todo-eliminations"
      title={<GroupTitle icon={<SafetyCertificateOutlined />} label={t('cases.todo.eliminations')} count={total} countTestId="todo-eliminations-count" />}
    >
      <ul className="fp-case-list">
        {items.map((e) => (
          <li key={e.id} className="fp-todo-warning" data-testid="todo-elimination" data-elimination-id={e.id} data-household-id={e.householdId}>
            <div className="fp-todo-warning-top">
              <span className="fp-case-card-name">{e.headName ?? t('common.empty')}</span>
              <Tag color="blue" data-testid="todo-elimination-step" data-step={e.step}>
                {t(`elimination.steps.${e.step}`)}
              </Tag>
            </div>
            <div className="fp-case-card-meta">
              <span className="fp-mono">{e.caseNumber}</span>
              {e.villageName ? <span> · {e.villageName}</span> : null}
              <span> · {t('cases.todo.eliminationProposed', { date: e.proposedOn })}</span>
              {e.stepDueOn ? <span> · {t('cases.todo.eliminationDue', { date: e.stepDueOn })}</span> : null}
            </div>
            <Button type="primary" onClick={() => void navigate(`/eliminations/${e.id}`)} className="fp-todo-warning-verify" data-testid="todo-elimination-open">
              {t('cases.todo.openElimination')}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The case list showing a group's cases (the to-do lists only the nearest deadlines of each). */
const GROUP_LIST: Record<TodoGroup, string> = { overdue: '/cases?due=overdue', soon: '/cases?due=soon', others: '/cases' };

function Group({ kind, items, total, today }: { kind: TodoGroup; items: CaseSummary[]; total: number; today: string }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className={`fp-todo-group fp-todo-${kind}`}
      data-testid={`todo-group-${kind}`}
      title={<GroupTitle label={t(`cases.todo.${kind}`)} count={total} countTestId="todo-group-count" />}
      extra={
        total > items.length ? (
          <Link to={GROUP_LIST[kind]} data-testid="todo-group-more">
            {t('cases.todo.moreCases', { count: total, shown: items.length })}
          </Link>
        ) : null
      }
    >
      {items.length === 0 ? (
        <span className="fp-muted">{t('cases.todo.emptyGroup')}</span>
      ) : (
        <ul className="fp-case-list">
          {items.map((c) => (
            <li key={c.id}>
              <CaseCard c={c} today={today} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.todo.title'));
  const todo = useCaseTodo();
  const today = todayInChina();
  const [verifying, setVerifying] = useState<WarningTodo | null>(null);
  const me = useSignedInUser();
  // Monitoring objects whose helpers are overdue (county and township: those who assign helpers).
  const canAssignHelpers = (ROLE_ACTIONS[me.role] as readonly string[]).includes('helper.assign');
  const helperOverdue = useMonitoringObjects({ flag: 'helperOverdue', page: 1, pageSize: 1 }, canAssignHelpers).data?.total ?? 0;
  // Monitoring objects whose helper visit is overdue (those who may record visits).
  const canRecordVisits = (ROLE_ACTIONS[me.role] as readonly string[]).includes('helperVisit.record');
  const visitOverdue = useMonitoringObjects({ flag: 'visitOverdue', page: 1, pageSize: 1 }, canRecordVisits).data?.total ?? 0;

  if (todo.isError) return <ErrorState error={todo.error} onRetry={() => void todo.refetch()} />;
  const data = todo.data;
  // The server counts every case of each group and lists the nearest deadlines of each, tagged with its group.
  const inGroup = (group: TodoGroup) => (data?.items ?? []).filter((c) => c.group === group);

  return (
    <div className="fp-page" data-testid="todo-page">
      <PageHeader title={t('cases.todo.title')} subtitle={t('cases.todo.subtitle')}>
        <Link to="/cases" className="fp-header-link">
          {t('cases.todo.allCases')}
        </Link>
      </PageHeader>
      <Spin spinning={todo.isPending}>
        {data ? (
          <>
            {data.visitReports > 0 || data.callbacksDue > 0 || data.warningsToDispatch > 0 || helperOverdue > 0 || visitOverdue > 0 ? (
              <div className="fp-todo-counters">
                {helperOverdue > 0 ? (
                  <Link to="/monitoring?flag=helperOverdue" className="fp-todo-counter" data-testid="todo-helper-overdue">
                    <UserAddOutlined className="fp-todo-counter-icon" />
                    <span className="fp-todo-counter-value">{helperOverdue}</span>
                    <span className="fp-todo-counter-label">{t('monitoring.todo.helperOverdue')}</span>
                    <Button size="small" type="link">
                      {t('monitoring.todo.open')}
                    </Button>
                  </Link>
                ) : null}
                {visitOverdue > 0 ? (
                  <Link to="/monitoring?flag=visitOverdue" className="fp-todo-counter" data-testid="todo-visit-overdue">
                    <CalendarOutlined className="fp-todo-counter-icon" />
                    <span className="fp-todo-counter-value">{visitOverdue}</span>
                    <span className="fp-todo-counter-label">{t('monitoring.todo.visitOverdue')}</span>
                    <Button size="small" type="link">
                      {t('monitoring.todo.open')}
                    </Button>
                  </Link>
                ) : null}
                {data.warningsToDispatch > 0 ? (
                  <Link to="/warnings?status=new" className="fp-todo-counter" data-testid="todo-warnings-to-dispatch">
                    <SendOutlined className="fp-todo-counter-icon" />
                    <span className="fp-todo-counter-value">{data.warningsToDispatch}</span>
                    <span className="fp-todo-counter-label">{t('cases.todo.warningsToDispatch')}</span>
                    <Button size="small" type="link">
                      {t('cases.todo.openDispatch')}
                    </Button>
                  </Link>
                ) : null}
                {data.visitReports > 0 ? (
                  <Link to="/visits" className="fp-todo-counter" data-testid="todo-visit-reports">
                    <AuditOutlined className="fp-todo-counter-icon" />
                    <span className="fp-todo-counter-value">{data.visitReports}</span>
                    <span className="fp-todo-counter-label">{t('cases.todo.visitReports')}</span>
                    <Button size="small" type="link">
                      {t('cases.todo.openVisits')}
                    </Button>
                  </Link>
                ) : null}
                {data.callbacksDue > 0 ? (
                  <Link to="/hotline/records" className="fp-todo-counter" data-testid="todo-callbacks-due">
                    <PhoneOutlined className="fp-todo-counter-icon" />
                    <span className="fp-todo-counter-value">{data.callbacksDue}</span>
                    <span className="fp-todo-counter-label">{t('cases.todo.callbacksDue')}</span>
                    <Button size="small" type="link">
                      {t('cases.todo.openCallbacks')}
                    </Button>
                  </Link>
                ) : null}
              </div>
            ) : null}
            {data.warnings.some((w) => w.action === 'verify') ? (
              <WarningsToVerify
                items={data.warnings.filter((w) => w.action === 'verify')}
                total={data.warningsToVerify}
                onVerify={setVerifying}
              />
            ) : null}
            {data.eliminations.length > 0 ? <EliminationsToHandle items={data.eliminations} total={data.eliminationsTotal} /> : null}
            {data.count === 0 ? (
              <Card size="small">
                <Empty className="fp-empty" description={t('cases.todo.empty')} data-testid="todo-empty" />
              </Card>
            ) : data.items.length === 0 ? null : (
              <div className="fp-todo-groups">
                <Group kind="overdue" items={inGroup('overdue')} total={data.overdue} today={today} />
                <Group kind="soon" items={inGroup('soon')} total={data.dueSoon} today={today} />
                <Group kind="others" items={inGroup('others')} total={data.total - data.overdue - data.dueSoon} today={today} />
              </div>
            )}
          </>
        ) : (
          <div className="fp-todo-placeholder" />
        )}
      </Spin>
      {verifying ? (
        <VerifyWarningDialog warning={verifying} initialOutcome={null} onClose={() => setVerifying(null)} />
      ) : null}
    </div>
  );
}
