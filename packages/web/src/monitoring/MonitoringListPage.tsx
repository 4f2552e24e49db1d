import { RightOutlined, WarningOutlined } from '@ant-design/icons';
import { MONITORING_FLAGS, MONITORING_STATUSES, RISK_TYPE_CODES, actsOnlyOnAssignedHouseholds, seesOnlyAssignedHouseholds, type MonitoringFlag, type MonitoringStatus } from '@fangpin/domain';
import { Alert, Button, Card, Grid, Select, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRegionTree, useRuleSetInForce } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { PageHeader } from '../ui/PageHeader';
import { PagedList, urlPaging } from '../ui/PagedList';
import { RegionFilter } from '../ui/RegionFilter';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useMonitoringObjects, type MonitoringCategory, type MonitoringObject, type MonitoringQuery } from './api';
import { CategoryTag, MonitoringStatusTag, RiskTypeTags } from './labels';
import { monitoringQueryFromParams, PAGE_SIZES, paramsFromMonitoringQuery } from './monitoring-params';
import './monitoring.css';

/** Who helps the household, or that nobody does yet (red once the deadline has passed). */
function HelpersCell({ item }: { item: MonitoringObject }) {
  const { t } = useTranslation();
  if (item.helpers.length > 0)
    return (
      <span data-testid="monitoring-helpers">
        {item.helpers.map((h) => (h.unit ? `${h.name}（${h.unit}）` : h.name)).join('、')}
      </span>
    );
  if (item.status !== 'monitoring' && item.status !== 'rolledBack') return <span className="fp-muted">{t('common.empty')}</span>;
  if (item.isHelperOverdue)
    return (
      <span className="fp-monitoring-overdue" data-testid="monitoring-helper-overdue">
        <WarningOutlined /> {t('monitoring.helperOverdue', { date: item.helperDueOn })}
      </span>
    );
  return (
    <span className="fp-muted" data-testid="monitoring-no-helper">
      {item.helperDueOn ? t('monitoring.helperDue', { date: item.helperDueOn }) : t('monitoring.noHelper')}
    </span>
  );
}

/** When the next helper visit is due (red once overdue), and the last one. */
function NextVisitCell({ item }: { item: MonitoringObject }) {
  const { t } = useTranslation();
  if (!item.nextVisitDueOn) return <span className="fp-muted">{t('common.empty')}</span>;
  return (
    <span className="fp-monitoring-next">
      {item.isVisitOverdue ? (
        <span className="fp-monitoring-overdue" data-testid="monitoring-visit-overdue">
          <WarningOutlined /> {t('monitoring.visitOverdue', { date: item.nextVisitDueOn })}
        </span>
      ) : (
        <span data-testid="monitoring-visit-due">{t('monitoring.nextVisitDue', { date: item.nextVisitDueOn })}</span>
      )}
      {item.lastVisitOn ? <span className="fp-muted fp-small">{t('monitoring.lastVisit', { date: item.lastVisitOn })}</span> : null}
    </span>
  );
}

function MonitoringCard({ item }: { item: MonitoringObject }) {
  const { t } = useTranslation();
  return (
    <Link to={`/households/${item.householdId}`} className="fp-hh-card" data-testid="monitoring-row">
      <div className="fp-hh-card-top">
        <span className="fp-hh-card-name" data-testid="monitoring-head">
          {item.headName}
        </span>
        <MonitoringStatusTag status={item.status} />
        <RightOutlined className="fp-hh-card-arrow" />
      </div>
      <div className="fp-hh-card-meta">
        <CategoryTag category={item.category} />
        <RiskTypeTags codes={item.riskTypes} uncovered={item.uncoveredRiskTypes} />
      </div>
      <div className="fp-hh-card-meta">
        {item.townshipName} / {item.villageName}
        {item.identifiedOn ? (
          <>
            <span className="fp-dot">·</span>
            {t('monitoring.identifiedOn')} {item.identifiedOn}
          </>
        ) : null}
      </div>
      <div className="fp-hh-card-meta">
        {t('monitoring.helpers')}：<HelpersCell item={item} />
      </div>
      {item.nextVisitDueOn ? (
        <div className="fp-hh-card-meta">
          {t('monitoring.nextVisit')}：<NextVisitCell item={item} />
        </div>
      ) : null}
    </Link>
  );
}

/**
 * 监测对象: the register of monitoring objects in the user's region, filtered by region, category,
 * risk type, status and what is outstanding. For a helping cadre the same page is 我的帮扶户: the
 * households assigned to them (or their region's, where the rule set's helperReadScope says so).
 */
export function MonitoringListPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const today = todayInChina();
  // 我的帮扶户 unless the county's rule set lets helping cadres read their region (the default until it loads).
  const ruleSet = useRuleSetInForce(actsOnlyOnAssignedHouseholds(me.role) ? me.regionCode : undefined, today).data;
  const isHelper = seesOnlyAssignedHouseholds(me.role, ruleSet ?? { helperReadScope: 'assigned' });
  const title = isHelper ? t('monitoring.myTitle') : t('monitoring.title');
  useDocumentTitle(title);
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => monitoringQueryFromParams(searchParams), [searchParams]);
  const regionTree = useRegionTree(isHelper ? undefined : me.regionCode);
  const list = useMonitoringObjects(query);
  // 我的帮扶户: how many of the cadre's households wait for a visit past its due day.
  const visitOverdue = useMonitoringObjects({ flag: 'visitOverdue', page: 1, pageSize: 1 }, isHelper).data?.total ?? 0;
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);

  const update = (patch: Partial<MonitoringQuery>) => setSearchParams(paramsFromMonitoringQuery({ ...query, page: 1, ...patch }));
  const hasFilter = Boolean(query.status || query.category || query.riskType || query.regionCode || query.flag || query.asOf || query.helper || query.identifiedIn || query.eliminatedIn);
  // A statistics drill-down (统计分析): the register as of a date, with the figure's condition.
  const statsConditions = [
    query.asOf ? t('monitoring.statsFilter.asOf', { date: query.asOf }) : null,
    query.helper ? t(`monitoring.statsFilter.helper.${query.helper}`) : null,
    query.identifiedIn ? t('monitoring.statsFilter.identifiedIn', { month: query.identifiedIn }) : null,
    query.eliminatedIn ? t('monitoring.statsFilter.eliminatedIn', { month: query.eliminatedIn }) : null,
  ].filter((c): c is string => c !== null);

  const columns: TableColumnsType<MonitoringObject> = [
    {
      title: t('monitoring.householdNumber'),
      dataIndex: 'householdNumber',
      width: 170,
      render: (value: string, row) => (
        <Link to={`/households/${row.householdId}`} className="fp-mono" data-testid="monitoring-link">
          {value}
        </Link>
      ),
    },
    {
      title: t('monitoring.headName'),
      dataIndex: 'headName',
      width: 140,
      render: (v: string, row) => (
        <span className="fp-monitoring-head">
          <span data-testid="monitoring-head">{v}</span>
          <span className="fp-muted">
            {row.townshipName} / {row.villageName}
          </span>
        </span>
      ),
    },
    { title: t('monitoring.category'), dataIndex: 'category', width: 120, render: (v: MonitoringCategory | null) => <CategoryTag category={v} /> },
    { title: t('monitoring.riskTypes'), dataIndex: 'riskTypes', width: 150, render: (v: string[], row) => <RiskTypeTags codes={v} uncovered={row.uncoveredRiskTypes} /> },
    { title: t('monitoring.status'), dataIndex: 'status', width: 140, render: (v: MonitoringStatus) => <MonitoringStatusTag status={v} /> },
    { title: t('monitoring.nextVisit'), key: 'nextVisit', width: 160, render: (_, row) => <NextVisitCell item={row} /> },
    { title: t('monitoring.identifiedOn'), dataIndex: 'identifiedOn', width: 100, render: (v: string | null) => v ?? t('common.empty') },
    // A helping cadre's own households: they are the helper of every row.
    ...(isHelper ? [] : [{ title: t('monitoring.helpers'), key: 'helpers', width: 190, render: (_: unknown, row: MonitoringObject) => <HelpersCell item={row} /> }]),
    {
      title: t('monitoring.income'),
      key: 'income',
      width: 130,
      align: 'right',
      render: (_, row) => (
        <span className="fp-monitoring-income">{t('monitoring.incomeValue', { amount: row.perCapitaIncome.toLocaleString('zh-CN'), year: row.incomeYear })}</span>
      ),
    },
  ];

  const data = list.data;

  return (
    <div className="fp-page fp-monitoring-page" data-testid="monitoring-page" data-today={today}>
      <PageHeader title={title} subtitle={isMobile ? undefined : isHelper ? t('monitoring.mySubtitle') : t('monitoring.subtitle')}>
        {data ? (
          <span className="fp-muted" data-testid="monitoring-total">
            {t('monitoring.total', { count: data.total })}
          </span>
        ) : null}
      </PageHeader>
      {isHelper && visitOverdue > 0 && query.flag !== 'visitOverdue' ? (
        <Alert
          type="warning"
          showIcon
          className="fp-section"
          title={t('monitoring.myVisitOverdue', { count: visitOverdue })}
          action={
            <Button size="small" onClick={() => update({ flag: 'visitOverdue' })} data-testid="my-visit-overdue">
              {t('monitoring.todo.open')}
            </Button>
          }
          data-testid="my-visit-overdue-alert"
        />
      ) : null}
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <Select<MonitoringFlag | ''>
            className="fp-filter-type fp-filter-flag"
            value={query.flag ?? ''}
            onChange={(value) => update({ flag: value || undefined })}
            options={[{ value: '', label: t('monitoring.allFlags') }, ...MONITORING_FLAGS.map((f) => ({ value: f, label: t(`monitoring.flag.${f}`) }))]}
            aria-label={t('monitoring.flagFilter')}
            data-testid="monitoring-flag-filter"
          />
          <Select<MonitoringStatus | 'eliminated' | ''>
            className="fp-filter-type"
            value={query.status ?? ''}
            onChange={(value) => update({ status: value || undefined })}
            options={[
              { value: '', label: t('monitoring.allStatuses') },
              ...MONITORING_STATUSES.map((s) => ({ value: s, label: t(`monitoring.statusName.${s}`) })),
              { value: 'eliminated', label: t('monitoring.eliminatedAll') },
            ]}
            aria-label={t('monitoring.statusFilter')}
            data-testid="monitoring-status-filter"
          />
          <Select<MonitoringCategory | 'none' | ''>
            className="fp-filter-type"
            value={query.category ?? ''}
            onChange={(value) => update({ category: value || undefined })}
            options={[
              { value: '', label: t('monitoring.allCategories') },
              ...(['unstable', 'marginal', 'sudden', 'none'] as const).map((c) => ({ value: c, label: t(`monitoring.categoryName.${c}`) })),
            ]}
            aria-label={t('monitoring.categoryFilter')}
            data-testid="monitoring-category-filter"
          />
          <Select<string>
            className="fp-filter-type"
            value={query.riskType ?? ''}
            onChange={(value) => update({ riskType: value || undefined })}
            options={[{ value: '', label: t('monitoring.allRiskTypes') }, ...RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))]}
            aria-label={t('monitoring.riskTypeFilter')}
            popupMatchSelectWidth={false}
            data-testid="monitoring-risk-filter"
          />
          {isHelper ? null : (
            <RegionFilter
              tree={regionTree.data}
              value={query.regionCode}
              onChange={(regionCode) => update({ regionCode })}
              placeholder={t('monitoring.allRegions')}
              ariaLabel={t('monitoring.regionFilter')}
              testId="monitoring-region-filter"
            />
          )}
          {hasFilter ? <Button onClick={() => setSearchParams(new URLSearchParams())}>{t('monitoring.reset')}</Button> : null}
        </div>
        {statsConditions.length > 0 ? (
          <div className="fp-monitoring-stats-filter" data-testid="monitoring-stats-filter">
            <span className="fp-muted">{t('monitoring.statsFilter.label')}：</span>
            {statsConditions.map((c) => (
              <Tag key={c} color="blue">
                {c}
              </Tag>
            ))}
            <Button size="small" type="link" onClick={() => update({ asOf: undefined, helper: undefined, identifiedIn: undefined, eliminatedIn: undefined })}>
              {t('monitoring.statsFilter.clear')}
            </Button>
          </div>
        ) : null}
      </Card>

      <PagedList<MonitoringObject> query={list} rows={data?.items ?? []} emptyText={isHelper && !hasFilter ? t('monitoring.myEmpty') : t('monitoring.empty')}
        paging={urlPaging(query, data?.total, PAGE_SIZES, (total) => t('monitoring.total', { count: total }), (next) =>
          setSearchParams(paramsFromMonitoringQuery(next)))}
        rowData={() => ({ 'data-testid': 'monitoring-row' })}
        table={{ rowKey: 'householdId', columns, scroll: { x: isHelper ? 1110 : 1300 } }}
        cards={
          <ul className="fp-hh-list">
            {(data?.items ?? []).map((item) => (
              <li key={item.householdId}>
                <MonitoringCard item={item} />
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
