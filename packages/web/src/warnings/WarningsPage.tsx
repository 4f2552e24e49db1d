import { LinkOutlined, SendOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Result,
  Select,
  Space,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { isDepartmentSourceCode, type WarningOutcome } from '@fangpin/domain';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDepartmentSources, useRegionTree, useTransitionWarnings, useWarnings } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import type {
  Warning,
  WarningQuery,
  WarningStatus,
  WarningTransition,
  WarningTransitionResult,
} from '../api/types';
import { isOverdue, isOpen, riskTypeLabel, RISK_TYPE_CODES, sourceName, WARNING_STATUSES } from '../department/labels';
import { todayInChina } from '../households/age';
import { useShowProblem } from '../ui/useShowProblem';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { paramsFromWarningQuery, WARNING_PAGE_SIZES, warningQueryFromParams } from './warning-params';
import { PageHeader } from '../ui/PageHeader';
import { RegionFilter } from '../ui/RegionFilter';
import { PagedList, urlPaging } from '../ui/PagedList';
import { EvidenceButton, WarningEvidence } from './WarningEvidence';
import { StatusTag } from './StatusTag';
import { VerifyWarningDialog } from './VerifyWarningDialog';
import { CorrectWarningDialog, mayCorrect } from './CorrectWarningDialog';
import { describeWarning, textLanguage } from '../i18n/server-texts';

export { StatusTag } from './StatusTag';

function DueDate({ warning, today }: { warning: Warning; today: string }) {
  const { t } = useTranslation();
  if (warning.dueOn === null) return <span className="fp-muted">{t('common.empty')}</span>;
  if (!isOverdue(warning, today)) {
    return (
      <span className="fp-mono" data-testid="warning-due" data-overdue="false">
        {warning.dueOn}
      </span>
    );
  }
  return (
    <Tooltip title={t('warnings.overdue')}>
      <span className="fp-overdue fp-mono" data-testid="warning-due" data-overdue="true">
        {warning.dueOn}
        <Tag color="error" className="fp-overdue-tag">
          {t('warnings.overdue')}
        </Tag>
      </span>
    </Tooltip>
  );
}

export function WarningsPage() {
  const me = useSignedInUser();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('warnings.title'));
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const canRead = me.abilities.canReadWarnings === true;
  const canDispatch = me.abilities.canDispatchWarnings === true;
  const canVerify = me.abilities.canVerifyWarnings === true;
  const today = todayInChina();

  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => warningQueryFromParams(searchParams), [searchParams]);
  const warnings = useWarnings(query, canRead);
  const sources = useDepartmentSources();
  const regionTree = useRegionTree(canRead ? me.regionCode : undefined);
  const transition = useTransitionWarnings();
  const [selected, setSelected] = useState<string[]>([]);
  const [verifying, setVerifying] = useState<{ warning: Warning; outcome: WarningOutcome } | null>(null);
  const [correcting, setCorrecting] = useState<Warning | null>(null);
  const [evidenceFor, setEvidenceFor] = useState<Warning | null>(null);
  const canCorrect = me.abilities.canCorrectWarnings === true;

  // A new filter or page shows other rows: forget the selection.
  useEffect(() => setSelected([]), [searchParams]);

  if (!canRead) return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="warnings-forbidden" />;

  const update = (patch: Partial<WarningQuery>) => {
    setSearchParams(paramsFromWarningQuery({ ...query, page: 1, ...patch }));
  };

  const rows = warnings.data?.items ?? [];
  const byId = new Map(rows.map((w) => [w.id, w]));

  const move = async (targets: Warning[], to: WarningTransition, why?: string): Promise<boolean> => {
    try {
      const results = await transition.mutateAsync({
        ids: targets.map((w) => w.id),
        to,
        ...(why ? { reason: why } : {}),
      });
      report(results);
      setSelected((ids) => ids.filter((id) => !results.some((r) => r.id === id && r.ok)));
      return true;
    } catch (error) {
      showProblem(error);
      return false;
    }
  };

  const report = (results: WarningTransitionResult[]) => {
    const ok = results.filter((r) => r.ok).length;
    const failed = results.filter((r) => !r.ok);
    if (ok > 0) void message.success(t('warnings.done', { count: ok }));
    if (failed.length > 0) {
      const lines = failed.map((r) => {
        const w = byId.get(r.id);
        const who = w ? `${w.householdNumber}${w.headName ? ` ${w.headName}` : ''}` : r.id.slice(0, 8);
        const why = r.ok ? '' : t(`codes.transitionFailure.${r.reason}`, { defaultValue: r.reason });
        return `${who}：${why}`;
      });
      void message.warning({
        content: (
          <span data-testid="transition-failures">
            {t('warnings.partlyFailed', { count: failed.length })}
            {lines.map((line) => (
              <span key={line} className="fp-message-line">
                {line}
              </span>
            ))}
          </span>
        ),
        duration: 8,
      });
    }
  };

  // The case a confirmed risk opened (warning → case).
  const caseLink = (w: Warning) =>
    w.caseId && w.caseNumber ? (
      <span>
        <Link to={`/cases/${w.caseId}`} className="fp-mono" data-testid="warning-case-link">
          <LinkOutlined /> {t('warnings.case')} {w.caseNumber}
        </Link>
        {w.caseStep === 'withdrawn' ? <span className="fp-muted"> （{t('warnings.caseWithdrawn')}）</span> : null}
      </span>
    ) : null;

  const evidenceButton = (w: Warning) =>
    me.abilities.canReadWarningRows === true ? <EvidenceButton onClick={() => setEvidenceFor(w)} /> : null;

  // Each outcome opens the verification dialog (note + confirmation), never records on one tap.
  // A reopened warning (the county corrected the outcome) still names the case it had opened.
  const verifyActions = (w: Warning) =>
    canVerify && isOpen(w) ? (
      <span className="fp-stacked">
        <Space size={4} wrap className="fp-warning-actions">
          <Button
            size="small"
            danger
            onClick={() => setVerifying({ warning: w, outcome: 'riskConfirmed' })}
            data-testid="warning-risk-confirmed"
          >
            {t('warnings.riskConfirmed')}
          </Button>
          <Button
            size="small"
            onClick={() => setVerifying({ warning: w, outcome: 'noRisk' })}
            data-testid="warning-no-risk"
          >
            {t('warnings.noRisk')}
          </Button>
          <Button
            size="small"
            onClick={() => setVerifying({ warning: w, outcome: 'alreadyMonitored' })}
            data-testid="warning-already-monitored"
          >
            {t('warnings.alreadyMonitored')}
          </Button>
        </Space>
        {caseLink(w)}
      </span>
    ) : (
      <span className="fp-stacked">
        {w.statusReason ? (
          <span className="fp-muted" data-testid="warning-status-reason">
            {t('warnings.reasonShown', { reason: w.statusReason })}
          </span>
        ) : null}
        {caseLink(w)}
        {mayCorrect(canCorrect, w) ? (
          <span>
            <Button size="small" onClick={() => setCorrecting(w)} data-testid="warning-correct">
              {t('warnings.correct')}
            </Button>
          </span>
        ) : null}
        {!w.statusReason && !w.caseId && !mayCorrect(canCorrect, w) ? (
          <span className="fp-muted">{t('common.empty')}</span>
        ) : null}
      </span>
    );

  const columns: TableColumnsType<Warning> = [
    {
      title: t('warnings.household'),
      key: 'household',
      width: 190,
      render: (_, w) => (
        <span className="fp-stacked">
          <Link to={`/households/${w.householdId}`} className="fp-mono" data-testid="warning-household-link">
            {w.householdNumber}
          </Link>
          <span>
            <span data-testid="warning-head">{w.headName ?? t('common.empty')}</span>
            {w.villageName ? <span className="fp-muted"> · {w.villageName}</span> : null}
          </span>
        </span>
      ),
    },
    {
      title: t('warnings.riskType'),
      dataIndex: 'riskType',
      width: 130,
      render: (value: string, w) => (
        <span className="fp-stacked">
          <span>
            <Tag color="orange" data-testid="warning-risk" data-code={value}>
              {riskTypeLabel(t, value)}
            </Tag>
          </span>
          {w.isMonitored ? (
            <span>
              <Tag color="purple">{t('warnings.isMonitored')}</Tag>
            </span>
          ) : null}
        </span>
      ),
    },
    {
      title: t('warnings.message'),
      dataIndex: 'message',
      render: (_: string, w) => (
        <span className="fp-stacked">
          <span data-testid="warning-message">{describeWarning(w, textLanguage(i18n.language))}</span>
          <span className="fp-tag-list">
            {w.sources.map((s) => (
              <Tag key={s} data-testid="warning-source" data-code={s}>
                {sourceName(s, sources.data, i18n.language, true)}
              </Tag>
            ))}
            <span className="fp-muted fp-nowrap">
              {t('warnings.period')} {w.period}
            </span>
            {evidenceButton(w)}
          </span>
        </span>
      ),
    },
    {
      title: t('warnings.status'),
      dataIndex: 'status',
      width: 120,
      render: (value: WarningStatus) => <StatusTag status={value} />,
    },
    {
      title: t('warnings.dueOn'),
      dataIndex: 'dueOn',
      width: 120,
      render: (_: string | null, w) => <DueDate warning={w} today={today} />,
    },
    {
      title: t('warnings.actions'),
      key: 'actions',
      width: canVerify || canCorrect ? 220 : 160,
      render: (_, w) => verifyActions(w),
    },
  ];

  const data = warnings.data;
  const selectedRows = selected.map((id) => byId.get(id)).filter((w): w is Warning => w !== undefined);
  const hasFilter = Boolean(
    query.source || query.status || query.riskType || query.regionCode || query.dueBefore || query.householdId,
  );

  return (
    <div className="fp-page" data-testid="warnings-page">
      <PageHeader title={t('warnings.title')} subtitle={t('warnings.subtitle')}>
        {data ? (
          <span className="fp-muted" data-testid="warning-total">
            {t('warnings.total', { count: data.total })}
          </span>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters fp-warning-filters">
          <Select<string>
            className="fp-filter-source"
            value={query.source ?? ''}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('warnings.allSources') },
              ...(sources.data ?? [])
                .filter((s) => s.signal !== 'none')
                .map((s) => ({ value: s.code, label: sourceName(s.code, sources.data, i18n.language, true) })),
            ]}
            onChange={(value) => update({ source: isDepartmentSourceCode(value) ? value : undefined })}
            aria-label={t('warnings.source')}
            data-testid="warning-source-filter"
          />
          <Select<string>
            className="fp-filter-type"
            value={query.status ?? ''}
            options={[
              { value: '', label: t('warnings.allStatuses') },
              ...WARNING_STATUSES.map((s) => ({ value: s, label: t(`codes.warningStatus.${s}`) })),
            ]}
            onChange={(value) => update({ status: (value || undefined) as WarningStatus | undefined })}
            aria-label={t('warnings.status')}
            data-testid="warning-status-filter"
          />
          <Select<string>
            className="fp-filter-type"
            value={query.riskType ?? ''}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('warnings.allRiskTypes') },
              ...RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) })),
            ]}
            onChange={(value) => update({ riskType: value || undefined })}
            aria-label={t('warnings.riskType')}
            data-testid="warning-risk-filter"
          />
          <RegionFilter
            tree={regionTree.data}
            value={query.regionCode}
            onChange={(regionCode) => update({ regionCode })}
            placeholder={t('warnings.allRegions')}
            ariaLabel={t('warnings.region')}
            testId="warning-region-filter"
          />
          <label className="fp-inline-filter">
            <span className="fp-muted fp-nowrap">{t('warnings.dueBefore')}</span>
            <Input
              type="date"
              className="fp-filter-date"
              value={query.dueBefore ?? ''}
              onChange={(e) => update({ dueBefore: e.target.value || undefined })}
              aria-label={t('warnings.dueBefore')}
              data-testid="warning-due-filter"
            />
          </label>
          {query.householdId ? (
            <Tag closable onClose={() => update({ householdId: undefined })} data-testid="warning-household-filter">
              {t('warnings.householdOnly')}
            </Tag>
          ) : null}
          {hasFilter ? (
            <Button onClick={() => setSearchParams(new URLSearchParams())}>{t('warnings.reset')}</Button>
          ) : null}
        </div>
      </Card>

      {canDispatch ? (
        <div className="fp-bulk-bar" data-testid="warning-bulk-bar">
          <span className="fp-muted" data-testid="warning-selected">
            {t('warnings.selected', { count: selectedRows.length })}
          </span>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={selectedRows.length === 0}
            loading={transition.isPending && transition.variables.to === 'dispatched'}
            onClick={() => void move(selectedRows, 'dispatched')}
            data-testid="warning-dispatch"
          >
            {t('warnings.dispatch')}
          </Button>
        </div>
      ) : null}

      <PagedList<Warning> query={warnings} rows={rows} emptyText={t('warnings.empty')}
        paging={urlPaging(query, data?.total, WARNING_PAGE_SIZES, (total) => t('warnings.total', { count: total }), (next) =>
          setSearchParams(paramsFromWarningQuery(next)))}
        rowData={(w) => ({ 'data-testid': 'warning-row', 'data-warning-id': w.id, 'data-household-id': w.householdId })}
        table={{
          className: 'fp-warnings-table',
          rowKey: 'id',
          columns,
          scroll: { x: 1000 },
          rowClassName: (w) => (isOverdue(w, today) ? 'fp-row-overdue' : ''),
          rowSelection: canDispatch
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (w) => ({ disabled: w.status !== 'new' }),
                columnWidth: 40,
              }
            : undefined,
        }}
        cards={
            <ul className="fp-hh-list">
              {rows.map((w) => (
                <li
                  key={w.id}
                  className={isOverdue(w, today) ? 'fp-warning-card fp-row-overdue' : 'fp-warning-card'}
                  data-testid="warning-row"
                  data-warning-id={w.id}
                  data-household-id={w.householdId}
                >
                  <div className="fp-hh-card-top">
                    {canDispatch ? (
                      <Checkbox
                        checked={selected.includes(w.id)}
                        disabled={w.status !== 'new'}
                        onChange={(e) =>
                          setSelected((ids) => (e.target.checked ? [...ids, w.id] : ids.filter((id) => id !== w.id)))
                        }
                        aria-label={w.householdNumber}
                      />
                    ) : null}
                    <span className="fp-hh-card-name" data-testid="warning-head">
                      {w.headName ?? t('common.empty')}
                    </span>
                    <Tag color="orange" data-testid="warning-risk" data-code={w.riskType}>
                      {riskTypeLabel(t, w.riskType)}
                    </Tag>
                    <span className="fp-warning-card-status">
                      <StatusTag status={w.status} />
                    </span>
                  </div>
                  <div className="fp-hh-card-meta">
                    <Link to={`/households/${w.householdId}`} className="fp-mono" data-testid="warning-household-link">
                      {w.householdNumber}
                    </Link>
                    {w.villageName ? <span> · {w.villageName}</span> : null}
                  </div>
                  <div className="fp-warning-card-message" data-testid="warning-message">
                    {describeWarning(w, textLanguage(i18n.language))}
                  </div>
                  <div className="fp-hh-card-meta fp-tag-list">
                    {w.sources.map((code) => (
                      <Tag key={code} data-testid="warning-source" data-code={code}>
                        {sourceName(code, sources.data, i18n.language, true)}
                      </Tag>
                    ))}
                    <span>{w.period}</span>
                    <span className="fp-dot">·</span>
                    <span>{t('warnings.dueOn')}</span>
                    <DueDate warning={w} today={today} />
                    {evidenceButton(w)}
                  </div>
                  <div className="fp-warning-card-actions">{verifyActions(w)}</div>
                </li>
              ))}
            </ul>
        }
      />

      <WarningEvidence warning={evidenceFor} onClose={() => setEvidenceFor(null)} />
      {verifying ? (
        <VerifyWarningDialog
          warning={verifying.warning}
          initialOutcome={verifying.outcome}
          onClose={() => setVerifying(null)}
        />
      ) : null}
      <CorrectWarningDialog warning={correcting} onClose={() => setCorrecting(null)} />
    </div>
  );
}
