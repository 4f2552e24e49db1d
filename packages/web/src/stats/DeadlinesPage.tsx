import { ROLE_LABELS, isRole } from '@fangpin/domain';
import { Card, Empty, Grid, Pagination, Segmented, Select, Table, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRegionTree } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { stepShort } from '../cases/parts';
import { PageHeader } from '../ui/PageHeader';
import { RegionFilter } from '../ui/RegionFilter';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useDeadlines, type DeadlineItem, type DeadlineKind, type DeadlineStatus } from './api';
import { Loaded } from './Loaded';
import './stats.css';

const KINDS = [
  'identification',
  'elimination',
  'helperAssignment',
  'helperVisit',
  'callback',
  'warning',
] as const satisfies readonly DeadlineKind[];
const STATUSES = ['overdue', 'dueSoon', 'all'] as const satisfies readonly DeadlineStatus[];

function isKind(v: string | null): v is DeadlineKind {
  return (KINDS as readonly (string | null)[]).includes(v);
}
function isStatus(v: string | null): v is DeadlineStatus {
  return (STATUSES as readonly (string | null)[]).includes(v);
}

/** The step of a row in the reader's language (identification or elimination steps). */
function stepLabel(item: DeadlineItem, t: TFunction, language: string): string {
  if (!item.step) return '';
  return item.kind === 'elimination'
    ? t(`elimination.steps.${item.step}`, { defaultValue: item.step })
    : stepShort(item.step, language);
}

function taskText(item: DeadlineItem, t: TFunction, language: string): string {
  return t(`stats.deadlines.task.${item.task}`, { step: stepLabel(item, t, language) });
}

function DaysTag({ item }: { item: DeadlineItem }) {
  const { t } = useTranslation();
  const text =
    item.daysLeft < 0
      ? t('stats.deadlines.days.overdue', { days: -item.daysLeft })
      : item.daysLeft === 0
        ? t('stats.deadlines.days.today')
        : t('stats.deadlines.days.left', { days: item.daysLeft });
  const color = item.status === 'overdue' ? 'error' : item.status === 'dueSoon' ? 'warning' : 'default';
  return (
    <Tag color={color} className="fp-deadline-days" data-testid="deadline-days">
      {text}
    </Tag>
  );
}

function Household({ item }: { item: DeadlineItem }) {
  const { t } = useTranslation();
  const place = [item.townshipName, item.villageName].filter(Boolean).join(' · ');
  return (
    <span className="fp-deadline-household">
      <strong>{item.headName ?? t('stats.deadlines.noHousehold')}</strong>
      {place ? <span className="fp-muted"> {place}</span> : null}
    </span>
  );
}

function Actors({ item }: { item: DeadlineItem }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const roles = item.roles.filter(isRole).map((r) => (en ? ROLE_LABELS[r].en : ROLE_LABELS[r].zh));
  return (
    <span className="fp-deadline-actors">
      {roles.join(en ? ', ' : '、')}
      {item.person ? <strong> · {item.person}</strong> : null}
    </span>
  );
}

/**
 * 期限看板: every open deadline of the region (identification and elimination steps, the 15-day
 * limit, helper assignment, helper visits, hotline callbacks, warnings), soonest first, with who
 * must act and a link to the page where it is done. Filters (region, kind, status, page) live in
 * the address so the dashboard's figures can link here (docs/statistics.md "Deadline board").
 */
export function DeadlinesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('stats.deadlines.title'));
  // The filters live in the address: the dashboard links here with them.
  const [searchParams, setSearchParams] = useSearchParams();
  const regionCode = searchParams.get('regionCode') ?? undefined;
  const me = useSignedInUser();
  const isMobile = !(Grid.useBreakpoint().md ?? true);
  const kindParam = searchParams.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const statusParam = searchParams.get('status');
  const status: DeadlineStatus = isStatus(statusParam) ? statusParam : 'all';
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const regionTree = useRegionTree(me.regionCode);
  const board = useDeadlines({ regionCode, kind, status, page });
  const data = board.data;

  const setParams = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setSearchParams(next);
  };

  const counts = data ? (kind ? data.counts.byKind[kind] : data.counts) : undefined;
  const items = data?.items ?? [];
  const pager =
    data && data.total > data.pageSize ? (
      <Pagination
        className="fp-deadline-pager"
        current={data.page}
        pageSize={data.pageSize}
        total={data.total}
        simple={isMobile}
        showSizeChanger={false}
        onChange={(p) => setParams({ page: p > 1 ? String(p) : undefined })}
      />
    ) : null;

  return (
    <div className="fp-stats fp-deadlines" data-testid="deadlines-page">
      <PageHeader
        title={t('stats.deadlines.title')}
        subtitle={
          data
            ? t('stats.deadlines.subtitle', { region: data.regionName ?? t('stats.allRegions'), date: data.today })
            : undefined
        }
      >
        <div className="fp-stats-controls">
          <RegionFilter
            tree={regionTree.data}
            value={regionCode}
            onChange={(code) => setParams({ regionCode: code })}
            placeholder={t('stats.region')}
            ariaLabel={t('stats.region')}
            testId="deadlines-region"
          />
          <Select
            className="fp-deadline-kind"
            aria-label={t('stats.deadlines.filter.kind')}
            value={kind ?? ''}
            onChange={(v: string) => setParams({ kind: v || undefined })}
            options={[
              { value: '', label: t('stats.deadlines.filter.allKinds') },
              ...KINDS.map((k) => ({
                value: k,
                label: `${t(`stats.deadlines.kind.${k}`)}${data ? ` (${data.counts.byKind[k].all})` : ''}`,
              })),
            ]}
            data-testid="deadlines-kind"
          />
        </div>
      </PageHeader>
      <p className="fp-muted fp-stats-hint">{t('stats.deadlines.intro')}</p>
      <Segmented
        className="fp-deadline-status"
        aria-label={t('stats.deadlines.filter.status')}
        block={isMobile}
        value={status}
        onChange={(v) => setParams({ status: v === 'all' ? undefined : v })}
        options={STATUSES.map((s) => ({
          value: s,
          label: (
            <span data-testid={`deadlines-status-${s}`}>
              {t(`stats.deadlines.status.${s}`)}
              {counts ? ` ${counts[s]}` : ''}
            </span>
          ),
        }))}
      />
      <Loaded query={board}>
        {(data) =>
          isMobile ? (
            <Card size="small" className="fp-list-card">
              <p className="fp-muted" data-testid="deadlines-total">
                {t('stats.deadlines.total', { total: data.total })}
              </p>
              {items.length === 0 ? (
                <Empty description={t('stats.deadlines.empty')} />
              ) : (
                <ul className="fp-deadline-cards" data-testid="deadlines-list">
                  {items.map((item) => (
                    <li key={`${item.kind}:${item.refId}`} data-kind={item.kind} data-status={item.status}>
                      <Link to={item.link} className="fp-deadline-card" data-testid="deadline-row">
                        <span className="fp-deadline-card-top">
                          <span className="fp-deadline-kind-name">{t(`stats.deadlines.kind.${item.kind}`)}</span>
                          <DaysTag item={item} />
                        </span>
                        <Household item={item} />
                        <span>{taskText(item, t, i18n.language)}</span>
                        <span className="fp-muted">
                          {t('stats.deadlines.col.due')} {item.dueOn} · <Actors item={item} />
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              {pager}
            </Card>
          ) : (
            <>
              <Table<DeadlineItem>
                rowKey={(item) => `${item.kind}:${item.refId}`}
                dataSource={items}
                pagination={false}
                size="middle"
                loading={board.isFetching}
                locale={{ emptyText: t('stats.deadlines.empty') }}
                data-testid="deadlines-table"
                onRow={(item) =>
                  ({
                    'data-kind': item.kind,
                    'data-status': item.status,
                    'data-testid': 'deadline-row',
                  }) as React.HTMLAttributes<HTMLElement>
                }
                columns={[
                  {
                    key: 'due',
                    title: t('stats.deadlines.col.due'),
                    width: 150,
                    render: (_, item) => (
                      <span className="fp-deadline-due">
                        {item.dueOn}
                        <DaysTag item={item} />
                      </span>
                    ),
                  },
                  {
                    key: 'what',
                    title: t('stats.deadlines.col.what'),
                    render: (_, item) => (
                      <span className="fp-deadline-what">
                        <strong>{t(`stats.deadlines.kind.${item.kind}`)}</strong>
                        <span>{taskText(item, t, i18n.language)}</span>
                        {item.caseNumber ? <span className="fp-muted">{item.caseNumber}</span> : null}
                      </span>
                    ),
                  },
                  {
                    key: 'household',
                    title: t('stats.deadlines.col.household'),
                    render: (_, item) => <Household item={item} />,
                  },
                  { key: 'actor', title: t('stats.deadlines.col.actor'), render: (_, item) => <Actors item={item} /> },
                  {
                    key: 'action',
                    title: t('stats.deadlines.col.action'),
                    width: 100,
                    render: (_, item) => (
                      <Link to={item.link} data-testid="deadline-link">
                        {t('stats.deadlines.go')}
                      </Link>
                    ),
                  },
                ]}
              />
              <div className="fp-deadline-footer">
                <span className="fp-muted" data-testid="deadlines-total">
                  {t('stats.deadlines.total', { total: data.total })}
                </span>
                {pager}
              </div>
            </>
          )
        }
      </Loaded>
    </div>
  );
}
