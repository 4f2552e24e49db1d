import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { DEPARTMENT_SOURCES, type DepartmentSourceCode } from '@fangpin/domain';
import { Button, Card, Empty, Grid, Input, Tooltip } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRegionTree } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { stepShort } from '../cases/parts';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { PageHeader } from '../ui/PageHeader';
import { RegionFilter } from '../ui/RegionFilter';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { casesLink, deadlinesLink, monitoringLink, reportLink, REPORTS, useOverview, warningsLink, type Overview } from './api';
import { EChart, type ChartOption } from './EChart';
import { Loaded } from './Loaded';
import './stats.css';

const CATEGORY_ORDER = ['unstable', 'marginal', 'sudden', 'none'] as const;
const STATUS_ORDER = ['monitoring', 'eliminatedStable', 'eliminatedTracking', 'rolledBack'] as const;
const COLORS = ['#c2410c', '#b45309', '#1d4ed8', '#15803d', '#7c3aed', '#0f766e', '#be123c', '#4b5563'];

/** The definition of a figure (docs/statistics.md), behind a question mark big enough to tap. */
function Definition({ text }: { text: string }) {
  return (
    <Tooltip title={text} trigger={['hover', 'click']}>
      <button type="button" className="fp-stats-def" aria-label={text}>
        <QuestionCircleOutlined />
      </button>
    </Tooltip>
  );
}

function Section({ title, definition, children, testId, wide = false }: { title: string; definition: string; children: ReactNode; testId: string; wide?: boolean }) {
  return (
    <Card
      size="small"
      className={wide ? 'fp-stats-card fp-stats-wide' : 'fp-stats-card'}
      data-testid={testId}
      title={
        <span className="fp-stats-card-title">
          {title}
          <Definition text={definition} />
        </span>
      }
    >
      {children}
    </Card>
  );
}

/** The figures of a chart as links to their lists: what a finger (or a screen reader) taps. */
function FigureLinks({ items, testId }: { items: { key: string; label: string; value: ReactNode; to: string }[]; testId: string }) {
  return (
    <ul className="fp-stats-figures" data-testid={testId}>
      {items.map((i) => (
        <li key={i.key}>
          <Link to={i.to} data-testid={`${testId}-${i.key}`} data-figure={i.key}>
            <span className="fp-stats-figure-label">{i.label}</span>
            <span className="fp-stats-figure-value">{i.value}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function barOption(labels: string[], values: number[], horizontal: boolean, color: string): ChartOption {
  const category = { type: 'category', data: labels, axisLabel: { interval: 0, width: horizontal ? 96 : 72, overflow: 'truncate' }, axisTick: { show: false } };
  const value = { type: 'value', minInterval: 1 };
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top' } }],
  };
}

/**
 * 统计分析: the region's monitoring objects as of a date, the discovery funnel, open cases, helper
 * timeliness, coverage and warnings. Every figure opens the list behind it with the same region and
 * date in the address (docs/statistics.md says what each counts; the tooltips say the same).
 */
export function StatsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('stats.title'));
  const me = useSignedInUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);
  const [searchParams, setSearchParams] = useSearchParams();
  const regionCode = searchParams.get('regionCode') ?? undefined;
  const asOfParam = searchParams.get('asOf');
  const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : undefined;
  const regionTree = useRegionTree(me.regionCode);
  const overview = useOverview({ regionCode, asOf });
  const en = i18n.language === 'en';

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next);
  };

  const o = overview.data;
  return (
    <div className="fp-stats" data-testid="stats-page">
      <PageHeader title={t('stats.title')} subtitle={o ? t('stats.subtitle', { region: o.regionName ?? t('stats.allRegions'), date: o.asOf }) : undefined}>
        <div className="fp-stats-controls">
          <RegionFilter
            tree={regionTree.data}
            value={regionCode}
            onChange={(code) => setParam('regionCode', code)}
            placeholder={t('stats.region')}
            ariaLabel={t('stats.region')}
            testId="stats-region"
          />
          <label className="fp-stats-date">
            <span>{t('stats.asOf')}</span>
            <Input type="date" value={asOf ?? o?.asOf ?? todayInChina()} max={todayInChina()} onChange={(e) => setParam('asOf', e.target.value || undefined)} data-testid="stats-as-of" />
          </label>
        </div>
      </PageHeader>
      <Loaded query={overview}>{(data) => <Dashboard o={data} en={en} isMobile={isMobile} go={(to) => void navigate(to)} />}</Loaded>
    </div>
  );
}

function Dashboard({ o, en, isMobile, go }: { o: Overview; en: boolean; isMobile: boolean; go: (to: string) => void }) {
  const { t, i18n } = useTranslation();
  const m = o.monitoring;
  const hp = (c: { households: number; persons: number }) => t('stats.householdsPersons', { households: c.households.toLocaleString('zh-CN'), persons: c.persons.toLocaleString('zh-CN') });
  const eliminated = { households: (m.byStatus.eliminatedStable?.households ?? 0) + (m.byStatus.eliminatedTracking?.households ?? 0), persons: (m.byStatus.eliminatedStable?.persons ?? 0) + (m.byStatus.eliminatedTracking?.persons ?? 0) };

  const risks = useMemo(() => Object.entries(m.byRiskType).sort((a, b) => b[1].households - a[1].households), [m.byRiskType]);
  const steps = Object.entries(o.openCases.byStep).filter(([, n]) => n > 0);
  const timed = o.helpers.assignedOnTime + o.helpers.assignedLate;
  const sourceLabel = (code: string) => {
    const s = DEPARTMENT_SOURCES[code as DepartmentSourceCode] as { zh: string; en: string } | undefined;
    if (!s) return code;
    return en ? s.en : (/（(.+)）$/.exec(s.zh)?.[1] ?? s.zh);
  };

  return (
    <>
      <div className="fp-stats-kpis" data-testid="stats-kpis">
        <Link to={monitoringLink(o, {})} className="fp-stats-kpi" data-testid="stats-total">
          <span className="fp-stats-kpi-label">
            {t('stats.card.total')}
          </span>
          <span className="fp-stats-kpi-value" data-testid="stats-total-households">
            {m.households.toLocaleString('zh-CN')}
            <small>{t('stats.households')}</small>
          </span>
          <span className="fp-stats-kpi-sub" data-testid="stats-total-persons">
            {m.persons.toLocaleString('zh-CN')} {t('stats.persons')}
          </span>
        </Link>
        <Link to={monitoringLink(o, { status: 'monitoring' })} className="fp-stats-kpi" data-testid="stats-monitoring">
          <span className="fp-stats-kpi-label">{t('stats.card.monitoring')}</span>
          <span className="fp-stats-kpi-value">
            {(m.byStatus.monitoring?.households ?? 0).toLocaleString('zh-CN')}
            <small>{t('stats.households')}</small>
          </span>
          <span className="fp-stats-kpi-sub">
            {(m.byStatus.monitoring?.persons ?? 0).toLocaleString('zh-CN')} {t('stats.persons')}
          </span>
        </Link>
        <Link to={monitoringLink(o, { status: 'eliminatedStable' })} className="fp-stats-kpi" data-testid="stats-eliminated">
          <span className="fp-stats-kpi-label">{t('stats.card.eliminated')}</span>
          <span className="fp-stats-kpi-value">
            {eliminated.households.toLocaleString('zh-CN')}
            <small>{t('stats.households')}</small>
          </span>
          <span className="fp-stats-kpi-sub">
            {eliminated.persons.toLocaleString('zh-CN')} {t('stats.persons')}
          </span>
        </Link>
        <Link to={deadlinesLink(o, { kind: 'identification', status: 'overdue' })} className="fp-stats-kpi fp-stats-kpi-alert" data-testid="stats-overdue">
          <span className="fp-stats-kpi-label">{t('stats.cases.overdue')}</span>
          <span className="fp-stats-kpi-value">
            {o.openCases.overdue}
            <small>{t('stats.cases.total')} {o.openCases.total}</small>
          </span>
          <span className="fp-stats-kpi-sub">{t('stats.cases.onToday', { date: o.openCases.today })}</span>
        </Link>
      </div>
      <div className="fp-stats-reports" data-testid="stats-reports">
        <span className="fp-muted">{t('stats.reports.label')}</span>
        {REPORTS.map((name) => (
          <Button key={name} icon={<DownloadOutlined />} href={reportLink(o, name)} data-testid={`stats-report-${name}`}>
            {t(`stats.reports.${name}`)}
          </Button>
        ))}
      </div>
      <p className="fp-muted fp-stats-hint">{t('stats.drill')}</p>
      {m.households === 0 ? <Empty description={t('stats.empty')} /> : null}

      <div className="fp-stats-grid">
        <Section title={t('stats.chart.risk')} definition={t('stats.def.risk')} testId="stats-risk">
          <EChart
            height={Math.max(160, risks.length * 30 + 24)}
            option={barOption(risks.map(([code]) => riskTypeLabel(t, code)), risks.map(([, c]) => c.households), true, COLORS[0]!)}
            onPick={(i) => go(monitoringLink(o, { riskType: risks[i]![0] }))}
            testId="stats-risk-chart"
          />
          <FigureLinks testId="stats-risk-figure" items={risks.map(([code, c]) => ({ key: code, label: riskTypeLabel(t, code), value: hp(c), to: monitoringLink(o, { riskType: code }) }))} />
        </Section>

        <Section title={t('stats.chart.category')} definition={t('stats.def.category')} testId="stats-category">
          <EChart
            height={200}
            option={{
              tooltip: { trigger: 'item' },
              legend: { show: false },
              series: [
                {
                  type: 'pie',
                  radius: ['40%', '70%'],
                  // On a phone the names would be cut: the figures below the chart name them.
                  label: isMobile ? { show: false } : { formatter: '{b}\n{c}' },
                  data: CATEGORY_ORDER.filter((c) => (m.byCategory[c]?.households ?? 0) > 0).map((c, i) => ({ name: t(`monitoring.categoryName.${c}`), value: m.byCategory[c]!.households, itemStyle: { color: COLORS[i + 1] } })),
                },
              ],
            }}
            onPick={(i) => go(monitoringLink(o, { category: CATEGORY_ORDER.filter((c) => (m.byCategory[c]?.households ?? 0) > 0)[i]! }))}
            testId="stats-category-chart"
          />
          <FigureLinks
            testId="stats-category-figure"
            items={CATEGORY_ORDER.filter((c) => m.byCategory[c]).map((c) => ({ key: c, label: t(`monitoring.categoryName.${c}`), value: hp(m.byCategory[c]!), to: monitoringLink(o, { category: c }) }))}
          />
        </Section>

        {m.byRegion.length > 0 ? (
          <Section title={t('stats.chart.region')} definition={t('stats.def.region')} testId="stats-region-section">
            <EChart
              height={Math.max(160, m.byRegion.length * 28 + 24)}
              option={barOption(m.byRegion.map((r) => r.name), m.byRegion.map((r) => r.households), true, COLORS[2]!)}
              onPick={(i) => go(monitoringLink(o, { regionCode: m.byRegion[i]!.code }))}
              testId="stats-region-chart"
            />
            <FigureLinks testId="stats-region-figure" items={m.byRegion.map((r) => ({ key: r.code, label: r.name, value: hp(r), to: monitoringLink(o, { regionCode: r.code }) }))} />
          </Section>
        ) : null}

        <Section title={t('stats.chart.status')} definition={t('stats.def.status')} testId="stats-status">
          <FigureLinks
            testId="stats-status-figure"
            items={STATUS_ORDER.map((s) => ({ key: s, label: t(`monitoring.statusName.${s}`), value: hp(m.byStatus[s] ?? { households: 0, persons: 0 }), to: monitoringLink(o, { status: s }) }))}
          />
        </Section>

        <Section title={t('stats.chart.trend')} definition={t('stats.def.trend')} testId="stats-trend" wide>
          <EChart
            height={isMobile ? 220 : 260}
            option={{
              grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
              tooltip: { trigger: 'axis' },
              legend: { top: 0, data: [t('stats.chart.identified'), t('stats.chart.eliminated')] },
              xAxis: { type: 'category', data: o.trend.map((p) => p.month.slice(2).replace('-', '/')) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: t('stats.chart.identified'), type: 'bar', data: o.trend.map((p) => p.identified), itemStyle: { color: COLORS[0] }, barMaxWidth: 18 },
                { name: t('stats.chart.eliminated'), type: 'line', data: o.trend.map((p) => p.eliminated), itemStyle: { color: COLORS[3] }, symbolSize: 8 },
              ],
            }}
            onPick={(i, series) => go(monitoringLink(o, series === 0 ? { identifiedIn: o.trend[i]!.month } : { eliminatedIn: o.trend[i]!.month }))}
            testId="stats-trend-chart"
          />
        </Section>

        <Section title={t('stats.funnel.title')} definition={t('stats.def.funnel')} testId="stats-funnel" wide>
          <div className="fp-stats-table-wrap">
            <table className="fp-stats-table" data-testid="stats-funnel-table">
              <thead>
                <tr>
                  <th>{t('stats.funnel.channel')}</th>
                  <th>{t('stats.funnel.reports')}</th>
                  <th>{t('stats.funnel.clues')}</th>
                  <th>{t('stats.funnel.cases')}</th>
                  <th>{t('stats.funnel.identified')}</th>
                  <th>{t('stats.funnel.screenedOut')}</th>
                </tr>
              </thead>
              <tbody>
                {o.funnel.map((f) => (
                  <tr key={f.channel} data-channel={f.channel}>
                    <th scope="row">{t(`cases.channel.${f.channel}`)}</th>
                    <td>{f.reports}</td>
                    <td>{f.clues}</td>
                    <td>{f.cases}</td>
                    <td>
                      {f.identifiedHouseholds} / {f.identifiedPersons}
                    </td>
                    <td>{f.screenedOut}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>

        <Section title={t('stats.cases.title')} definition={t('stats.def.cases')} testId="stats-cases">
          <FigureLinks
            testId="stats-cases-figure"
            items={[
              { key: 'total', label: t('stats.cases.total'), value: o.openCases.total, to: casesLink(o, {}) },
              { key: 'overdue', label: t('stats.cases.overdue'), value: o.openCases.overdue, to: deadlinesLink(o, { kind: 'identification', status: 'overdue' }) },
              { key: 'soon', label: t('stats.cases.dueSoon'), value: o.openCases.dueSoon, to: deadlinesLink(o, { kind: 'identification', status: 'dueSoon' }) },
              ...steps.map(([step, n]) => ({ key: step, label: stepShort(step, i18n.language), value: n, to: casesLink(o, { step }) })),
            ]}
          />
          <p className="fp-muted fp-small">{t('stats.cases.onToday', { date: o.openCases.today })}</p>
          <Link to={deadlinesLink(o, {})} className="fp-stats-board-link" data-testid="stats-deadlines-link">
            {t('stats.deadlines.board')}
          </Link>
        </Section>

        <Section title={t('stats.helpers.title')} definition={t('stats.def.helpers')} testId="stats-helpers">
          <FigureLinks
            testId="stats-helpers-figure"
            items={[
              { key: 'onTime', label: t('stats.helpers.onTime'), value: o.helpers.assignedOnTime, to: monitoringLink(o, { helper: 'onTime' }) },
              { key: 'late', label: t('stats.helpers.late'), value: o.helpers.assignedLate, to: monitoringLink(o, { helper: 'late' }) },
              { key: 'unassigned', label: t('stats.helpers.unassigned'), value: o.helpers.unassigned, to: monitoringLink(o, { helper: 'unassigned' }) },
            ]}
          />
          <p className="fp-muted fp-small">{timed > 0 ? t('stats.helpers.share', { share: `${Math.round((o.helpers.assignedOnTime / timed) * 100)}%` }) : t('stats.helpers.noShare')}</p>
        </Section>

        <Section title={t('stats.coverage.title')} definition={t('stats.def.coverage')} testId="stats-coverage">
          <FigureLinks
            testId="stats-coverage-figure"
            items={[
              { key: 'risks', label: t('stats.coverage.risks'), value: o.coverage.uncoveredRisks, to: monitoringLink(o, { flag: 'uncoveredRisk' }) },
              { key: 'households', label: t('stats.coverage.households'), value: o.coverage.uncoveredHouseholds, to: monitoringLink(o, { flag: 'uncoveredRisk' }) },
            ]}
          />
        </Section>

        <Section title={t('stats.warnings.title')} definition={t('stats.def.warnings')} testId="stats-warnings">
          {Object.keys(o.warnings.bySource).length === 0 ? (
            <p className="fp-muted">{t('stats.warnings.none')}</p>
          ) : (
            <>
              <h3 className="fp-stats-sub">{t('stats.warnings.bySource')}</h3>
              <FigureLinks testId="stats-warning-source" items={Object.entries(o.warnings.bySource).map(([s, n]) => ({ key: s, label: sourceLabel(s), value: n, to: warningsLink(o, { source: s }) }))} />
              <h3 className="fp-stats-sub">{t('stats.warnings.byStatus')}</h3>
              <FigureLinks
                testId="stats-warning-status"
                items={Object.entries(o.warnings.byStatus).map(([s, n]) => ({ key: s, label: t(`stats.warningStatus.${s}`, { defaultValue: s }), value: n, to: warningsLink(o, { status: s }) }))}
              />
            </>
          )}
        </Section>

        <Section title={t('stats.visits.title')} definition={t('stats.def.visits')} testId="stats-visits">
          <FigureLinks
            testId="stats-visits-figure"
            items={[
              { key: 'overdue', label: t('stats.visits.overdue'), value: o.visits.overdue, to: deadlinesLink(o, { kind: 'helperVisit', status: 'overdue' }) },
              { key: 'soon', label: t('stats.visits.dueSoon'), value: o.visits.dueSoon, to: deadlinesLink(o, { kind: 'helperVisit', status: 'dueSoon' }) },
              { key: 'scheduled', label: t('stats.visits.scheduled'), value: o.visits.scheduled, to: deadlinesLink(o, { kind: 'helperVisit', status: 'all' }) },
            ]}
          />
          <p className="fp-muted fp-small">{t('stats.cases.onToday', { date: o.visits.today })}</p>
        </Section>
      </div>
    </>
  );
}
