import { PhoneOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Input, Select, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useHouseholds, useRegionTree } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import type { HouseholdQuery, HouseholdSummary, HouseholdType } from '../api/types';
import { HouseholdTypeTag } from '../ui/CodeLabel';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { PAGE_SIZES, queryFromSearchParams, searchParamsFromQuery } from './search-params';
import { PageHeader } from '../ui/PageHeader';
import { RegionFilter } from '../ui/RegionFilter';
import { PagedList, urlPaging } from '../ui/PagedList';
import { MonitoringStatusTag } from '../monitoring/labels';

function HouseholdCard({ household }: { household: HouseholdSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={`/households/${household.id}`} className="fp-hh-card" data-testid="household-row">
      <div className="fp-hh-card-top">
        <span className="fp-hh-card-name" data-testid="household-head">
          {household.headName}
        </span>
        <HouseholdTypeTag type={household.type} />
        {household.monitoringStatus ? <MonitoringStatusTag status={household.monitoringStatus} /> : null}
        <RightOutlined className="fp-hh-card-arrow" />
      </div>
      <div className="fp-hh-card-meta fp-mono">{household.householdNumber}</div>
      <div className="fp-hh-card-meta">
        {household.townshipName} / {household.villageName}
      </div>
      <div className="fp-hh-card-meta">
        <TeamOutlined /> {t('households.persons', { count: household.memberCount })}
        {household.phoneMasked ? (
          <>
            <span className="fp-dot">·</span>
            <PhoneOutlined /> <span className="fp-mono">{household.phoneMasked}</span>
          </>
        ) : null}
      </div>
    </Link>
  );
}

export function HouseholdSearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('households.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => queryFromSearchParams(searchParams), [searchParams]);
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const me = useSignedInUser();
  const regionTree = useRegionTree(me.regionCode);

  const households = useHouseholds(query);
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);

  const update = (patch: Partial<HouseholdQuery>) => {
    const next: HouseholdQuery = { ...query, page: 1, ...patch };
    setSearchParams(searchParamsFromQuery(next));
  };

  const columns: TableColumnsType<HouseholdSummary> = [
    {
      title: t('households.householdNumber'),
      dataIndex: 'householdNumber',
      width: 190,
      render: (value: string, row) => (
        <Link to={`/households/${row.id}`} className="fp-mono" data-testid="household-link">
          {value}
        </Link>
      ),
    },
    {
      title: t('households.headName'),
      dataIndex: 'headName',
      width: 110,
      render: (value: string) => <span data-testid="household-head">{value}</span>,
    },
    {
      title: t('households.type'),
      dataIndex: 'type',
      width: 110,
      render: (value: HouseholdType) => <HouseholdTypeTag type={value} />,
    },
    {
      title: t('monitoring.status'),
      dataIndex: 'monitoringStatus',
      width: 150,
      render: (value: HouseholdSummary['monitoringStatus']) =>
        value ? <MonitoringStatusTag status={value} /> : <span className="fp-muted">{t('common.empty')}</span>,
    },
    {
      title: t('households.townshipVillage'),
      key: 'region',
      width: 170,
      render: (_, row) => (
        <span>
          {row.townshipName}
          <span className="fp-muted"> / </span>
          {row.villageName}
        </span>
      ),
    },
    { title: t('households.memberCount'), dataIndex: 'memberCount', width: 80, align: 'right' },
    {
      title: t('households.phone'),
      dataIndex: 'phoneMasked',
      width: 140,
      render: (value: string | null) =>
        value ? <span className="fp-mono">{value}</span> : <span className="fp-muted">{t('common.empty')}</span>,
    },
    {
      title: t('households.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Link to={`/households/${row.id}`} data-testid="household-detail-link">
          {t('households.view')}
        </Link>
      ),
    },
  ];

  const data = households.data;

  return (
    <div className="fp-page" data-testid="household-search-page">
      <PageHeader title={t('households.title')}>
        {data ? (
          <span className="fp-muted" data-testid="household-total">
            {/* Past the cap the server stops counting (docs/design/search-and-todo-performance.md). */}
            {t(data.totalCapped ? 'households.totalCapped' : 'households.total', { count: data.total })}
          </span>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <Input.Search
            className="fp-filter-search"
            // A full ID number or phone is searched only by roles that may reveal (docs/personal-data.md).
            placeholder={t(
              me.abilities.canReveal === false
                ? isMobile
                  ? 'households.searchPlaceholderNoIdsShort'
                  : 'households.searchPlaceholderNoIds'
                : isMobile
                  ? 'households.searchPlaceholderShort'
                  : 'households.searchPlaceholder',
            )}
            allowClear
            enterButton={t('households.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            data-testid="household-search-input"
          />
          <Select<HouseholdType | ''>
            className="fp-filter-type"
            value={query.type ?? ''}
            onChange={(value) => update({ type: value || undefined })}
            options={[
              { value: '', label: t('households.allTypes') },
              { value: 'formerlyPoor', label: t('codes.householdType.formerlyPoor') },
              { value: 'ordinary', label: t('codes.householdType.ordinary') },
            ]}
            aria-label={t('households.typeFilter')}
            data-testid="household-type-filter"
          />
          <RegionFilter
            tree={regionTree.data}
            value={query.regionCode}
            onChange={(regionCode) => update({ regionCode })}
            placeholder={t('households.allRegions')}
            ariaLabel={t('households.regionFilter')}
            testId="household-region-filter"
          />
          {query.q || query.type || query.regionCode ? (
            <Button onClick={() => setSearchParams(new URLSearchParams())}>{t('households.reset')}</Button>
          ) : null}
        </div>
      </Card>

      <PagedList<HouseholdSummary> query={households} rows={data?.items ?? []} emptyText={t('households.empty')}
        paging={urlPaging(query, data?.total, PAGE_SIZES, (total) => t('households.total', { count: total }), (next) =>
          setSearchParams(searchParamsFromQuery(next)))}
        rowData={() => ({ 'data-testid': 'household-row' })}
        table={{ rowKey: 'id', columns, scroll: { x: 1050 } }}
        cards={
          <ul className="fp-hh-list">
            {(data?.items ?? []).map((item) => (
              <li key={item.id}>
                <HouseholdCard household={item} />
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
