import { DEPARTMENT_SOURCES, kindName, type DepartmentSourceCode } from '@fangpin/domain';
import { Button, List, Modal, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentSources, useWarningRows } from '../api/hooks';
import type { Warning, WarningEvidenceRow } from '../api/types';
import { sourceName } from '../department/labels';
import { ErrorState } from '../ui/ErrorState';
import { describeWarning, textLanguage } from '../i18n/server-texts';

const yuan = (amount: number) => amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function kindText(row: WarningEvidenceRow): string | null {
  if (!row.kind) return null;
  const field = DEPARTMENT_SOURCES[row.source as DepartmentSourceCode]?.fields.find((f) => f.type === 'kind');
  return (field && kindName(field, row.kind)) ?? row.kind;
}

/** The link that opens a warning's 依据 (in the queue's rows and cards, and on the household's page). */
export function EvidenceButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="link" size="small" className="fp-link-button" onClick={onClick} data-testid="warning-evidence">
      {t('warnings.evidence')}
    </Button>
  );
}

/**
 * A warning's 依据: the department rows it rests on, each with the file and row it came from, so the
 * village cadre checking the household sees what the department reported (and the department can
 * be asked about a row). For medical warnings the settlements add up to the warning's total.
 */
export function WarningEvidence({ warning, onClose }: { warning: Warning | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const rows = useWarningRows(warning?.id ?? null);
  const sources = useDepartmentSources();
  const amounts = (rows.data ?? []).map((r) => r.amount).filter((a): a is number => a !== null);
  const total = amounts.reduce((a, b) => a + b, 0);
  // A rolling sum (medical) adds its rows up: show the total the warning compared with its line.
  const isSum = (rows.data ?? []).every(
    (r) => DEPARTMENT_SOURCES[r.source as DepartmentSourceCode]?.signal === 'rollingSum',
  );
  return (
    <Modal
      open={warning !== null}
      title={warning ? t('warnings.evidenceTitle', { household: warning.headName ?? warning.householdNumber }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <div data-testid="warning-evidence-modal">
        {warning ? <p className="fp-muted" data-testid="warning-evidence-message">{describeWarning(warning, textLanguage(i18n.language))}</p> : null}
        {rows.isError ? (
          <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
        ) : rows.isPending ? (
          <Spin />
        ) : (
          <List
            size="small"
            dataSource={rows.data}
            locale={{ emptyText: t('warnings.evidenceEmpty') }}
            renderItem={(r) => (
              <List.Item data-testid="warning-evidence-row" data-amount={r.amount ?? ''}>
                <div className="fp-stacked">
                  <span>
                    <span className="fp-mono">{r.eventDate ?? t('common.empty')}</span>
                    {' · '}
                    {r.memberName ?? t('common.empty')}
                    {r.idMasked ? <span className="fp-mono fp-muted"> {r.idMasked}</span> : null}
                    {r.amount !== null ? (
                      <strong> · {t('warnings.amountYuan', { amount: yuan(r.amount) })}</strong>
                    ) : null}
                    {kindText(r) ? <Tag className="fp-evidence-kind">{kindText(r)}</Tag> : null}
                  </span>
                  <span className="fp-muted" data-testid="warning-evidence-origin">
                    {sourceName(r.source, sources.data, i18n.language, true)} · {r.fileName} ·{' '}
                    {r.sheet
                      ? t('warnings.evidenceSheetRow', { sheet: r.sheet, row: r.row })
                      : t('warnings.evidenceRow', { row: r.row })}
                  </span>
                </div>
              </List.Item>
            )}
            footer={
              isSum && amounts.length > 1 ? (
                <strong data-testid="warning-evidence-total">
                  {t('warnings.evidenceTotal', { amount: yuan(total) })}
                </strong>
              ) : undefined
            }
          />
        )}
      </div>
    </Modal>
  );
}
