import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentHeaderCheck, DepartmentSource } from '../api/types';

/**
 * Offered by the preview when a file has headers Fangpin does not recognise (or lacks a required
 * field): pick the field of each unrecognised header; `onSave` stores the mapping for the source
 * and the preview runs again.
 */
export function HeaderMappingCard({
  source,
  check,
  isSaving,
  canSave = true,
  onSave,
}: {
  source: DepartmentSource;
  check: DepartmentHeaderCheck;
  isSaving: boolean;
  /** Only the county admin or county monitor may save a mapping; others see what is unrecognised. */
  canSave?: boolean;
  onSave: (mapping: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const taken = new Set([...check.recognised.map((r) => r.field), ...Object.values(choice)]);
  const columns: TableColumnsType<{ header: string }> = [
    { title: t('department.mappingHeader'), dataIndex: 'header', width: 200, render: (h: string) => <Tag>{h}</Tag> },
    {
      title: t('department.mappingField'),
      key: 'field',
      render: (_, { header }) => (
        <Select
          className="fp-mapping-select"
          style={{ minWidth: 200 }}
          value={choice[header] ?? ''}
          disabled={!canSave}
          aria-label={`${t('department.mappingField')} ${header}`}
          data-testid="mapping-select"
          data-header={header}
          options={[
            { value: '', label: t('department.mappingIgnore') },
            ...source.fields.map((f) => ({
              value: f.field,
              label: `${f.zh}${f.isRequired ? ' *' : ''}`,
              disabled: taken.has(f.field) && choice[header] !== f.field,
            })),
          ]}
          onChange={(value: string) => {
            setChoice((c) => {
              const next = { ...c };
              if (value) next[header] = value;
              else delete next[header];
              return next;
            });
          }}
        />
      ),
    },
  ];
  const missing = check.missingFields.filter((f) => !Object.values(choice).includes(f.field));
  return (
    <Card size="small" className="fp-section" title={t('department.mappingTitle')} data-testid="header-mapping">
      <Typography.Paragraph className="fp-muted">{t('department.mappingIntro')}</Typography.Paragraph>
      {check.recognised.length > 0 ? (
        <div className="fp-muted">
          {t('department.mappingRecognised', {
            headers: check.recognised
              .map((r) => `${r.header} → ${source.fields.find((f) => f.field === r.field)?.zh ?? r.field}`)
              .join('，'),
          })}
        </div>
      ) : null}
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="fp-section"
          title={t('department.mappingMissing', { fields: missing.map((f) => f.zh).join('、') })}
          data-testid="mapping-missing"
        />
      ) : null}
      <Table<{ header: string }>
        size="small"
        rowKey="header"
        columns={columns}
        dataSource={check.unrecognised.map((header) => ({ header }))}
        pagination={false}
      />
      {canSave ? null : (
        <div className="fp-muted fp-section" data-testid="mapping-ask-admin">
          {t('department.mappingAskAdmin')}
        </div>
      )}
      <Button
        type="primary"
        icon={<SaveOutlined />}
        className="fp-section"
        disabled={!canSave || Object.keys(choice).length === 0}
        loading={isSaving}
        onClick={() => onSave(choice)}
        data-testid="mapping-save"
      >
        {t('department.mappingSave')}
      </Button>
    </Card>
  );
}
