import { Button, Card, Checkbox, Select, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { IDENTIFICATION_STEPS, type IdentificationStep } from '@fangpin/domain';
import { todayInChina } from '../households/age';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { isLate } from './case-model';
import { CASE_PAGE_SIZES, caseQueryFromParams, paramsFromCaseQuery } from './case-params';
import { CaseCard } from './CaseCard';
import { useCases } from './hooks';
import './cases.css';
import { ChannelTag, ClockBadge, GreenChannelTag, StepDue, StepTag, stepShort } from './parts';
import type { CaseQuery, CaseSummary } from './types';
import { PageHeader } from '../ui/PageHeader';
import { PagedList, urlPaging } from '../ui/PagedList';

export function CaseListPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('cases.list.title'));
  const today = todayInChina();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => caseQueryFromParams(searchParams), [searchParams]);
  const cases = useCases(query);
  const update = (patch: Partial<CaseQuery>) => setSearchParams(paramsFromCaseQuery({ ...query, page: 1, ...patch }));

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.list.caseNumber'),
      dataIndex: 'caseNumber',
      width: 170,
      render: (value: string, c) => (
        <Link to={`/cases/${c.id}`} className="fp-mono" data-testid="case-link">
          {value}
        </Link>
      ),
    },
    {
      title: t('cases.list.household'),
      key: 'household',
      width: 190,
      render: (_, c) => (
        <span className="fp-stacked">
          <span data-testid="case-head">{c.headName ?? t('cases.list.noHousehold')}</span>
          {c.householdNumber ? <span className="fp-muted fp-mono fp-small">{c.householdNumber}</span> : null}
        </span>
      ),
    },
    {
      title: t('cases.list.village'),
      key: 'village',
      width: 150,
      render: (_, c) => (
        <span className="fp-stacked">
          <span>{c.villageName ?? t('common.empty')}</span>
          {c.townshipName ? <span className="fp-muted fp-small">{c.townshipName}</span> : null}
        </span>
      ),
    },
    {
      title: t('cases.list.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (value: string, c) => (
        <span className="fp-tag-list">
          <ChannelTag channel={value} />
          {c.greenChannel ? <GreenChannelTag /> : null}
        </span>
      ),
    },
    {
      title: t('cases.list.step'),
      dataIndex: 'step',
      width: 120,
      render: (value: string) => <StepTag step={value} />,
    },
    {
      title: t('cases.list.stepDue'),
      dataIndex: 'stepDueOn',
      width: 120,
      render: (value: string | null) => <StepDue stepDueOn={value} today={today} />,
    },
    {
      title: t('cases.list.due'),
      dataIndex: 'dueOn',
      width: 190,
      render: (_: string, c) => <ClockBadge c={c} />,
    },
  ];

  const data = cases.data;
  const rows = data?.items ?? [];
  const hasFilter = Boolean(query.step || query.due || query.status);

  return (
    <div className="fp-page" data-testid="cases-page">
      <PageHeader title={t('cases.list.title')} subtitle={t('cases.list.subtitle')}>
        {data ? (
          <span className="fp-muted" data-testid="case-total">
            {t('cases.list.total', { count: data.total })}
          </span>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters fp-case-filters">
          <Select<string>
            className="fp-filter-source"
            value={query.step ?? ''}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('cases.list.allSteps') },
              ...IDENTIFICATION_STEPS.map((s) => ({ value: s, label: stepShort(s, i18n.language) })),
            ]}
            onChange={(value) => update({ step: (value || undefined) as IdentificationStep | undefined })}
            aria-label={t('cases.list.step')}
            data-testid="case-step-filter"
          />
          <Select<string>
            className="fp-filter-type"
            value={query.due ?? ''}
            options={[
              { value: '', label: t('cases.list.allDue') },
              { value: 'overdue', label: t('cases.list.dueOverdue') },
              { value: 'soon', label: t('cases.list.dueSoon') },
            ]}
            onChange={(value) => update({ due: (value || undefined) as CaseQuery['due'] })}
            aria-label={t('cases.list.due')}
            data-testid="case-due-filter"
          />
          <Checkbox
            checked={query.status === 'all'}
            onChange={(e) => update({ status: e.target.checked ? 'all' : undefined })}
            className="fp-case-include-closed"
            data-testid="case-include-closed"
          >
            {t('cases.list.includeClosed')}
          </Checkbox>
          {hasFilter ? (
            <Button onClick={() => setSearchParams(new URLSearchParams())}>{t('cases.list.reset')}</Button>
          ) : null}
        </div>
      </Card>
      <PagedList<CaseSummary> query={cases} rows={rows} emptyText={t('cases.list.empty')}
        paging={urlPaging(query, data?.total, CASE_PAGE_SIZES, (total) => t('cases.list.total', { count: total }), (next) =>
          setSearchParams(paramsFromCaseQuery(next)))}
        rowData={(c) => ({ 'data-testid': 'case-row', 'data-case-id': c.id, 'data-case-number': c.caseNumber })}
        table={{ rowKey: 'id', columns, scroll: { x: 1000 }, rowClassName: (c) => (isLate(c, today) ? 'fp-row-overdue' : '') }}
        cards={
          <ul className="fp-case-list">
            {rows.map((c) => (
              <li key={c.id} data-testid="case-row" data-case-id={c.id}>
                <CaseCard c={c} today={today} />
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
