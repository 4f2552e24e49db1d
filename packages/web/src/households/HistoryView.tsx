import { Empty, Spin, Table, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useHouseholdHistory } from '../api/hooks';
import type { HistoryChange, HistoryEntry } from '../api/types';
import { useCodeLabel, type CodeList } from '../ui/CodeLabel';
import { ErrorState } from '../ui/ErrorState';
import { formatDateTime } from './age';
import { operatorName } from '../ui/operator';

/** History field name → i18n key of its label. */
const FIELD_LABELS: Record<string, string> = {
  householdNumber: 'household.householdNumber',
  type: 'household.type',
  address: 'household.address',
  phone: 'household.phone',
  regionCode: 'household.region',
  name: 'member.name',
  sex: 'member.sex',
  birthYear: 'member.birthYear',
  idNumber: 'member.idNumber',
  relation: 'member.relation',
  health: 'member.health',
  labourCapacity: 'member.labourCapacity',
  schooling: 'member.schooling',
  migrantMonths: 'member.migrantMonths',
  hasMedicalInsurance: 'member.medicalInsurance',
  hasPensionInsurance: 'member.pensionInsurance',
  isDibao: 'member.dibao',
  isTekun: 'member.tekun',
  category: 'household.monitoringCategory',
  riskTypes: 'household.riskTypes',
  identifiedOn: 'household.identifiedOn',
};

/** Fields whose values are codes with display labels. */
const CODE_FIELDS: Record<string, CodeList> = {
  type: 'householdType',
  sex: 'sex',
  relation: 'relation',
  health: 'health',
  labourCapacity: 'labourCapacity',
  schooling: 'schooling',
};

function lastSegment(field: string): string {
  return (
    field
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? field
  );
}

function fieldLabel(t: TFunction, field: string): string {
  const key = FIELD_LABELS[lastSegment(field)];
  return key ? t(key) : field;
}

/** Sort a change list into a stable, readable order (the order of FIELD_LABELS). */
const FIELD_ORDER = Object.keys(FIELD_LABELS);
function byFieldOrder(a: HistoryChange, b: HistoryChange): number {
  const ia = FIELD_ORDER.indexOf(lastSegment(a.field));
  const ib = FIELD_ORDER.indexOf(lastSegment(b.field));
  return (ia === -1 ? 999 : ia) - (ib === -1 ? 999 : ib);
}

function Changes({ changes }: { changes: HistoryChange[] }) {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  if (changes.length === 0) return null;
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (lastSegment(field) === 'category' && typeof value === 'string') return t(`codes.monitoringCategory.${value}`, { defaultValue: value });
    if (Array.isArray(value)) return value.map((v) => (lastSegment(field) === 'riskTypes' ? t(`codes.riskType.${String(v)}`, { defaultValue: String(v) }) : String(v))).join('、');
    const list = CODE_FIELDS[lastSegment(field)];
    if (list && typeof value === 'string') return codeLabel(list, value);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
  const sorted = [...changes].sort(byFieldOrder);
  // A new record has no "before": list its values instead of a table of dashes.
  if (sorted.every((c) => c.before === null || c.before === undefined)) {
    return (
      <dl className="fp-history-created">
        {sorted.map((c) => (
          <div key={c.field} className="fp-history-pair">
            <dt>{fieldLabel(t, c.field)}</dt>
            <dd>{valueText(c.field, c.after)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <Table<HistoryChange & { key: number }>
      className="fp-history-changes"
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={sorted.map((c, i) => ({ ...c, key: i }))}
      scroll={{ x: 420 }}
      columns={[
        { title: t('household.historyField'), dataIndex: 'field', width: 150, render: (f: string) => fieldLabel(t, f) },
        {
          title: t('household.historyBefore'),
          dataIndex: 'before',
          render: (v: unknown, row) =>
            v === null || v === undefined ? (
              <span className="fp-muted">{t('common.empty')}</span>
            ) : (
              <span className="fp-history-before">{valueText(row.field, v)}</span>
            ),
        },
        {
          title: t('household.historyAfter'),
          dataIndex: 'after',
          render: (v: unknown, row) => <span className="fp-history-after">{valueText(row.field, v)}</span>,
        },
      ]}
    />
  );
}

function actionLabel(t: TFunction, action: string): string {
  return t(`codes.historyAction.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

function sourceLabel(t: TFunction, source: string): string {
  const [kind = source, detail] = source.split(':');
  const label = t(`codes.historySource.${kind}`, { defaultValue: source });
  // A case names itself (识别认定案件 451028-2026-0007); an import's id says nothing to a reader.
  return kind === 'case' && detail ? `${label} ${detail}` : label;
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="fp-history-entry" data-testid="history-entry">
      <div className="fp-history-head">
        <Typography.Text strong>{actionLabel(t, entry.action)}</Typography.Text>
        {entry.subject ? <Typography.Text>{entry.subject}</Typography.Text> : null}
        <Tag data-testid="history-source">{sourceLabel(t, entry.source)}</Tag>
      </div>
      <div className="fp-muted fp-history-meta">
        {entry.effectiveOn ? (
          <span data-testid="history-effective-on">
            {t('household.effectiveOn')} {entry.effectiveOn} ·{' '}
          </span>
        ) : null}
        {formatDateTime(entry.at, i18n.language)} · {t('household.by')}: {operatorName(t, entry)}
      </div>
      <Changes changes={entry.changes} />
    </div>
  );
}

export function HistoryView({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const history = useHouseholdHistory(householdId, true);
  if (history.isPending) return <Spin />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.items;
  if (items.length === 0) return <Empty description={t('household.noHistory')} />;
  return (
    <Timeline
      className="fp-history"
      data-testid="history-list"
      items={items.map((entry) => ({ key: String(entry.id), content: <Entry entry={entry} /> }))}
    />
  );
}
