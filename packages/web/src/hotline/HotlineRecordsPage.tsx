import { FileExcelOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Card, Input, Result, Select, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSignedInUser } from '../app/signed-in-user';
import { formatDateTime, todayInChina } from '../households/age';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { hotlineExportUrl, useHotlineCalls } from './hooks';
import { callbackState, paramsFromRecordQuery, RECORD_PAGE_SIZES, recordQueryFromParams } from './records-params';
import { intakeAbilities } from './roles';
import type { HotlineCall, HotlineQuery, HotlineStatus } from './types';
import './intake.css';
import { PageHeader } from '../ui/PageHeader';
import { PagedList, urlPaging } from '../ui/PagedList';

/** 李新旺（县防贫中心监测员） → 李新旺: the table shows the person, the tooltip the full account name. */
export function shortName(displayName: string): string {
  return displayName.replace(/[（(].*[）)]\s*$/, '').trim() || displayName;
}

function CallbackCell({ call }: { call: HotlineCall }) {
  const { t } = useTranslation();
  const state = callbackState(call);
  if (state === 'done') {
    return (
      <span className="fp-stacked" data-testid="record-callback" data-state={state}>
        <span>
          {t('hotline.records.callbackDone', { date: call.callbackAt ? todayInChina(new Date(call.callbackAt)) : '' })}
        </span>
        {call.callbackNote ? <span>{call.callbackNote}</span> : null}
        {call.objection === null ? null : (
          <span>
            <Tag color={call.objection ? 'red' : 'green'}>
              {call.objection ? t('hotline.records.objection') : t('hotline.records.noObjection')}
            </Tag>
          </span>
        )}
      </span>
    );
  }
  if (state === 'none') return <span className="fp-muted">{t('common.empty')}</span>;
  const isLate = state === 'overdue';
  return (
    <span className={isLate ? 'fp-overdue fp-stacked' : 'fp-stacked'} data-testid="record-callback" data-state={state}>
      <span>{t('hotline.records.callbackDue', { date: call.callbackDueOn })}</span>
      {isLate ? (
        <span>
          <Tag color="error">{t('hotline.records.callbackOverdue')}</Tag>
        </span>
      ) : null}
    </span>
  );
}

/** One end of the date range, labelled beside its box. */
function DateFilter({ label, value, min, max, onChange, testId }: { label: string; value: string | undefined; min?: string | undefined; max?: string | undefined; onChange: (date: string | undefined) => void; testId: string }) {
  return (
    <label className="fp-inline-filter">
      <span className="fp-muted fp-nowrap">{label}</span>
      <Input type="date" className="fp-filter-date" value={value ?? ''} min={min} max={max} onChange={(e) => onChange(e.target.value || undefined)} aria-label={label} data-testid={testId} />
    </label>
  );
}

export function HotlineRecordsPage() {
  const me = useSignedInUser();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('hotline.records.title'));
  const canUse = intakeAbilities(me).canUseHotline;
  const today = todayInChina();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => recordQueryFromParams(searchParams, today), [searchParams, today]);
  const calls = useHotlineCalls(query, canUse);

  if (!canUse) return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="hotline-forbidden" />;

  const update = (patch: Partial<HotlineQuery>) =>
    setSearchParams(paramsFromRecordQuery({ ...query, page: 1, ...patch }, today));

  const offset = (query.page - 1) * query.pageSize;
  const columns: TableColumnsType<HotlineCall> = [
    {
      title: t('hotline.records.seq'),
      key: 'seq',
      width: 48,
      align: 'center',
      render: (_, __, index) => offset + index + 1,
    },
    {
      title: t('hotline.records.calledAt'),
      dataIndex: 'calledAt',
      width: 88,
      render: (value: string) => <span className="fp-mono">{formatDateTime(value, i18n.language)}</span>,
    },
    {
      title: t('hotline.records.caller'),
      dataIndex: 'callerName',
      width: 64,
      render: (value: string, call) =>
        call.householdId ? (
          <Link to={`/households/${call.householdId}`} data-testid="record-caller">
            {value}
          </Link>
        ) : (
          <span data-testid="record-caller">{value}</span>
        ),
    },
    {
      title: t('hotline.records.phone'),
      dataIndex: 'callerPhoneMasked',
      width: 96,
      render: (value: string) => <span className="fp-mono">{value}</span>,
    },
    {
      title: t('hotline.records.village'),
      key: 'village',
      width: 72,
      render: (_, call) => (
        <span className="fp-stacked">
          <span>{call.villageName ?? t('common.empty')}</span>
          {call.townshipName ? <span className="fp-muted fp-small">{call.townshipName}</span> : null}
        </span>
      ),
    },
    {
      title: t('hotline.records.content'),
      dataIndex: 'content',
      width: 168,
      render: (value: string, call) => (
        <span className="fp-stacked">
          <span data-testid="record-content">{value}</span>
          {call.policyExplained ? (
            <span className="fp-muted fp-small">
              {t('hotline.records.policy')}：{call.policyExplained}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      title: t('hotline.records.handler'),
      dataIndex: 'handlerName',
      width: 64,
      render: (value: string | null) => (value ? <span title={value}>{shortName(value)}</span> : t('common.empty')),
    },
    {
      title: t('hotline.records.dispatched'),
      dataIndex: 'result',
      width: 104,
      align: 'center',
      render: (value: string, call) => (
        <span className="fp-stacked fp-center">
          <span data-testid="record-dispatched">{value === 'dispatched' ? t('common.yes') : t('common.no')}</span>
          {call.caseId ? (
            <Link to={`/cases/${call.caseId}`} className="fp-small fp-nowrap" data-testid="record-case-link">
              <LinkOutlined /> {call.caseNumber ?? t('hotline.records.case')}
            </Link>
          ) : null}
        </span>
      ),
    },
    {
      title: t('hotline.records.verificationResult'),
      dataIndex: 'verificationResult',
      width: 96,
      render: (value: string | null, call) =>
        value ? (
          <span data-testid="record-verification">{value}</span>
        ) : call.caseId && call.status === 'open' ? (
          <span className="fp-stacked" data-testid="record-verification">
            <span>{t('hotline.records.verifying')}</span>
            {call.caseStepZh ? <span className="fp-muted fp-small">{call.caseStepZh}</span> : null}
          </span>
        ) : (
          <span className="fp-muted">{t('common.empty')}</span>
        ),
    },
    {
      title: t('hotline.records.callback'),
      key: 'callback',
      width: 96,
      render: (_, call) => <CallbackCell call={call} />,
    },
    {
      title: t('hotline.records.status'),
      dataIndex: 'status',
      width: 76,
      render: (value: HotlineStatus) => (
        <Tag color={value === 'closed' ? 'green' : 'processing'} data-testid="record-status" data-status={value}>
          {t(`hotline.status.${value}`)}
        </Tag>
      ),
    },
    {
      title: t('hotline.records.remarks'),
      dataIndex: 'remarks',
      width: 84,
      render: (value: string | null) => <span data-testid="record-remarks">{value ?? ''}</span>,
    },
  ];

  const data = calls.data;
  const hasFilter = searchParams.toString() !== '';
  return (
    <div className="fp-page fp-page-wide" data-testid="hotline-records">
      <PageHeader title={t('hotline.records.title')} subtitle={t('hotline.records.subtitle')}>
        {data ? (
          <span className="fp-muted" data-testid="record-total">
            {t('hotline.records.total', { count: data.total })}
          </span>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <DateFilter label={t('hotline.records.from')} value={query.from} max={query.to} onChange={(from) => update({ from })} testId="record-from" />
          <DateFilter label={t('hotline.records.to')} value={query.to} min={query.from} onChange={(to) => update({ to })} testId="record-to" />
          <Select<string>
            className="fp-filter-type"
            value={query.status ?? ''}
            options={[
              { value: '', label: t('hotline.records.allStatuses') },
              { value: 'open', label: t('hotline.status.open') },
              { value: 'closed', label: t('hotline.status.closed') },
            ]}
            onChange={(value) => update({ status: (value || undefined) as HotlineStatus | undefined })}
            aria-label={t('hotline.records.status')}
            data-testid="record-status-filter"
          />
          {hasFilter ? (
            <Button onClick={() => setSearchParams(new URLSearchParams())}>{t('hotline.records.reset')}</Button>
          ) : null}
          <span className="fp-filters-spacer" />
          <Tooltip title={`${query.from ?? ''} ~ ${query.to ?? ''}`}>
            <Button
              icon={<FileExcelOutlined />}
              href={hotlineExportUrl(query.from, query.to)}
              download
              data-testid="record-export"
            >
              {t('hotline.records.export')}
            </Button>
          </Tooltip>
        </div>
      </Card>
      <PagedList<HotlineCall> query={calls} rows={data?.items ?? []} emptyText={t('hotline.records.empty')}
        // The call-record table is a desk tool: the table and the full pager on every screen (no cards).
        paging={urlPaging(query, data?.total, RECORD_PAGE_SIZES, (total) => t('hotline.records.total', { count: total }), (next) =>
          setSearchParams(paramsFromRecordQuery(next, today)))}
        rowData={(call) => ({ 'data-testid': 'record-row', 'data-call-id': call.id })}
        table={{
          className: 'fp-records-table',
          rowKey: 'id',
          size: 'small',
          bordered: true,
          columns,
          rowClassName: (call) => (callbackState(call) === 'overdue' ? 'fp-row-overdue' : ''),
          // Fits the 1366-px screens of the county centre without a scroll bar; wider screens stretch it.
          scroll: { x: 1066 },
        }}
      />
    </div>
  );
}
