import { Card, Collapse, Result, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentSources } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import type { DepartmentSourceField } from '../api/types';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { SourceSettingsPanel } from './SourceSettingsPanel';
import { PageHeader } from '../ui/PageHeader';

const SIGNAL_COLORS: Record<string, string> = {
  rollingSum: 'volcano',
  perRecord: 'orange',
  yearOnYear: 'gold',
  none: 'default',
};

/** The department sources: their columns, the headers recognised for each, and the warning rule. */
export function DepartmentSourcesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('department.sourcesTitle'));
  const me = useSignedInUser();
  const abilities = me.abilities;
  const mayRead = abilities?.canReadDepartmentImports === true;
  const sources = useDepartmentSources();

  if (!mayRead) {
    return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="department-sources-forbidden" />;
  }

  const columns: TableColumnsType<DepartmentSourceField> = [
    {
      title: t('department.field'),
      dataIndex: 'zh',
      width: 150,
      render: (value: string, f) => (
        <span className="fp-nowrap">
          {value}
          {f.isRequired ? (
            <Tag className="fp-required-tag" color="red">
              {t('department.required')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('department.type'),
      dataIndex: 'type',
      width: 90,
      render: (value: string) => t(`codes.fieldType.${value}`, { defaultValue: value }),
    },
    {
      title: t('department.recognisedHeaders'),
      key: 'aliases',
      render: (_, f) => (
        <span className="fp-stacked">
          <span className="fp-tag-list" data-testid="source-aliases">
            {f.aliases.map((alias) => (
              <Tag key={alias}>{alias}</Tag>
            ))}
          </span>
          {f.kinds ? (
            <span className="fp-muted">
              {t('department.kinds')}：{Object.keys(f.kinds).join('、')}
            </span>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="fp-page" data-testid="department-sources-page">
      <PageHeader title={t('department.sourcesTitle')} />
      <Card size="small" className="fp-section">
        <Typography.Paragraph className="fp-muted fp-no-margin">{t('department.sourcesIntro')}</Typography.Paragraph>
      </Card>
      {sources.isError ? (
        <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />
      ) : !sources.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Collapse
          className="fp-section"
          defaultActiveKey={[sources.data[0]?.code ?? '']}
          items={sources.data.map((source) => ({
            key: source.code,
            label: (
              <span className="fp-source-label" data-testid="source-item" data-code={source.code}>
                <strong>{i18n.language === 'en' ? source.en : source.zh}</strong>
              </span>
            ),
            extra: (
              <Tag color={SIGNAL_COLORS[source.signal] ?? 'default'} className="fp-source-signal">
                {t(`codes.signal.${source.signal}`, { defaultValue: source.signal })}
              </Tag>
            ),
            children: (
              <>
                <SourceSettingsPanel source={source} me={me} />
                <Table<DepartmentSourceField>
                  size="small"
                  rowKey="field"
                  columns={columns}
                  dataSource={source.fields}
                  pagination={false}
                  scroll={{ x: 520 }}
                />
              </>
            ),
          }))}
        />
      )}
    </div>
  );
}
