import { Empty, Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetSource, RuleSetVersionItem } from '../api/types';
import { formatDateTime } from '../households/age';
import { isSource, overrideSummary, readableNote, regionDisplayName } from './labels';
import { regionLevelOf } from './rule-model';
import { operatorName } from '../ui/operator';

export interface VersionHistoryProps {
  versions: RuleSetVersionItem[] | undefined;
  loading: boolean;
  /** Versions of the rule set in force today, marked 现行. */
  sources: readonly RuleSetSource[];
  today: string;
  regionNames: ReadonlyMap<string, string>;
  isMobile: boolean;
}

/** Every stored version of the region and its ancestors, newest first. */
export function VersionHistory({ versions, loading, sources, today, regionNames, isMobile }: VersionHistoryProps) {
  const { t, i18n } = useTranslation();

  const statusTag = (v: RuleSetVersionItem) =>
    isSource(v, sources) ? (
      <Tag color="green">{t('rules.inForce')}</Tag>
    ) : v.effectiveFrom > today ? (
      <Tag color="gold">{t('rules.upcoming')}</Tag>
    ) : null;

  const region = (v: RuleSetVersionItem) => (
    <span className="fp-nowrap">
      {regionDisplayName(t, v.regionCode, regionNames)}{' '}
      <Tag className="fp-rule-level">{t(`codes.regionLevel.${regionLevelOf(v.regionCode)}`)}</Tag>
    </span>
  );

  const keys = (v: RuleSetVersionItem) => {
    const { labels, complete } = overrideSummary(t, v.rules);
    return (
      <span className="fp-rule-keys" data-testid="rule-version-keys">
        {labels.map((label) => (
          <Tag key={label} color={complete ? 'default' : 'geekblue'}>
            {label}
          </Tag>
        ))}
      </span>
    );
  };

  // The versions that come with the software are 系统内置; a published one names the person, never the login name.
  const who = (v: RuleSetVersionItem) => (v.createdBy === 'system' ? t('rules.system') : operatorName(t, { actorName: v.createdBy, actorDisplayName: v.createdByDisplayName }));

  const desktopColumns: TableColumnsType<RuleSetVersionItem> = [
    {
      title: t('rules.version'),
      dataIndex: 'version',
      width: 200,
      render: (value: string, v) => (
        <span className="fp-stacked">
          <span className="fp-mono" data-testid="rule-version-name">
            {value}
          </span>
          <span>{statusTag(v)}</span>
        </span>
      ),
    },
    { title: t('rules.region'), key: 'region', width: 170, render: (_, v) => region(v) },
    {
      title: t('rules.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 110,
      render: (value: string) => <span className="fp-mono">{value}</span>,
    },
    { title: t('rules.overrides'), key: 'keys', render: (_, v) => keys(v) },
    {
      title: t('rules.note'),
      dataIndex: 'note',
      width: 200,
      render: (value: string | null) => (value ? readableNote(t, value) : <span className="fp-muted">{t('common.empty')}</span>),
    },
    {
      title: `${t('rules.createdBy')} / ${t('rules.createdAt')}`,
      key: 'who',
      width: 160,
      render: (_, v) => (
        <span className="fp-stacked">
          <span>{who(v)}</span>
          <span className="fp-muted fp-small">{formatDateTime(v.createdAt, i18n.language)}</span>
        </span>
      ),
    },
  ];

  // On a phone, one stacked cell per version instead of six columns.
  const mobileColumns: TableColumnsType<RuleSetVersionItem> = [
    {
      title: t('rules.version'),
      key: 'all',
      render: (_, v) => (
        <div className="fp-rule-version-card">
          <div className="fp-rule-version-top">
            <span className="fp-mono" data-testid="rule-version-name">
              {v.version}
            </span>
            {statusTag(v)}
          </div>
          <div className="fp-muted fp-small">
            {region(v)} · {t('rules.effectiveFrom')} <span className="fp-mono">{v.effectiveFrom}</span>
          </div>
          {keys(v)}
          {v.note ? <div className="fp-small">{readableNote(t, v.note)}</div> : null}
          <div className="fp-muted fp-small">
            {who(v)} · {formatDateTime(v.createdAt, i18n.language)}
          </div>
        </div>
      ),
    },
  ];

  return (
    <Table<RuleSetVersionItem>
      rowKey="version"
      size="middle"
      className="fp-rule-history"
      data-testid="rule-version-list"
      loading={loading}
      columns={isMobile ? mobileColumns : desktopColumns}
      dataSource={versions ?? []}
      pagination={false}
      scroll={isMobile ? undefined : { x: 1000 }}
      locale={{ emptyText: <Empty description={t('rules.historyEmpty')} /> }}
      onRow={(v) => ({ 'data-testid': 'rule-version-row', 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
    />
  );
}
