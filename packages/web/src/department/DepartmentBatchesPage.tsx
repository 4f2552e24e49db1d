import { DownloadOutlined } from '@ant-design/icons';
import { Card, Empty, Result, Select, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDepartmentBatches, useDepartmentSources } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import type { DepartmentBatch } from '../api/types';
import { formatDateTime } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { ImportCounts, RejectedByCode } from './ImportCounts';
import { errorsDownloadUrl, sourceName } from './labels';
import { PageHeader } from '../ui/PageHeader';
import { operatorName } from '../ui/operator';

/** Every department import with its counts, newest first; rejected rows downloadable as XLSX. */
export function DepartmentBatchesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('department.batchesTitle'));
  const me = useSignedInUser();
  const abilities = me.abilities;
  const mayRead = abilities?.canReadDepartmentImports === true;
  const [searchParams, setSearchParams] = useSearchParams();
  const source = searchParams.get('source') ?? undefined;
  const sources = useDepartmentSources();
  const batches = useDepartmentBatches(source, mayRead);

  if (!mayRead) {
    return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="department-batches-forbidden" />;
  }

  const columns: TableColumnsType<DepartmentBatch> = [
    {
      title: t('department.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string, b) => (
        <span className="fp-stacked">
          <span className="fp-nowrap">{formatDateTime(value, i18n.language)}</span>
          <span className="fp-muted">{operatorName(t, b)}</span>
        </span>
      ),
    },
    {
      title: t('department.source'),
      dataIndex: 'source',
      width: 150,
      render: (value: string) => (
        <span data-testid="batch-source">{sourceName(value, sources.data, i18n.language, true)}</span>
      ),
    },
    {
      title: t('department.fileName'),
      dataIndex: 'fileName',
      width: 200,
      render: (value: string, b) => (
        <span className="fp-stacked">
          <span className="fp-break" data-testid="batch-file-name">
            {value}
          </span>
          <span className="fp-muted">
            {t('department.comparedOn')} {b.comparedOn}
          </span>
        </span>
      ),
    },
    {
      title: t('department.counts'),
      key: 'counts',
      render: (_, b) => (
        <span className="fp-stacked">
          <ImportCounts counts={b} compact />
          <RejectedByCode byCode={b.rejectedByCode} />
        </span>
      ),
    },
    {
      title: t('department.downloadErrors'),
      key: 'errors',
      width: 130,
      render: (_, b) =>
        b.rejected > 0 ? (
          <a href={errorsDownloadUrl(b.id)} download data-testid="batch-errors-download">
            <DownloadOutlined /> {t('department.downloadErrors')}
          </a>
        ) : (
          <span className="fp-muted">{t('common.empty')}</span>
        ),
    },
  ];

  return (
    <div className="fp-page" data-testid="department-batches-page">
      <PageHeader title={t('department.batchesTitle')}>
        {batches.data ? (
          <span className="fp-muted" data-testid="batch-total">
            {t('department.totalBatches', { count: batches.data.length })}
          </span>
        ) : null}
        {abilities?.canImportDepartment === true ? (
          <Link to="/department/import" className="fp-header-link">
            {t('nav.departmentImport')}
          </Link>
        ) : null}
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <Select<string>
            className="fp-filter-source"
            value={source ?? ''}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('department.allSources') },
              ...(sources.data ?? []).map((s) => ({
                value: s.code,
                label: sourceName(s.code, sources.data, i18n.language),
              })),
            ]}
            onChange={(value) => setSearchParams(value ? { source: value } : {})}
            aria-label={t('department.source')}
            data-testid="batch-source-filter"
          />
        </div>
      </Card>
      {batches.isError ? (
        <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        <Card size="small" className="fp-table-card">
          <Table<DepartmentBatch>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={batches.data ?? []}
            loading={batches.isPending || batches.isPlaceholderData}
            pagination={{ pageSize: 20, hideOnSinglePage: true, simple: true }}
            scroll={{ x: 960 }}
            locale={{ emptyText: <Empty description={t('department.noBatches')} /> }}
            onRow={(b) => ({ 'data-testid': 'batch-row', 'data-batch-id': b.id }) as HTMLAttributes<HTMLElement>}
          />
        </Card>
      )}
    </div>
  );
}
