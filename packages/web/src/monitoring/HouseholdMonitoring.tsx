import { FileTextOutlined, PlusOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Skeleton, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../households/age';
import { useMonitoringRecord, type Helper } from './api';
import { HelperForm } from './HelperForm';
import { EliminationPanel } from './EliminationPanel';
import { MeasuresView } from './MeasuresView';
import { HelperVisitsView } from './HelperVisitsView';
import { CategoryTag, MonitoringStatusTag, RiskTypeTags } from './labels';
import './monitoring.css';
import { operatorName } from '../ui/operator';

function HelperItem({ helper, canReassign, onReassign }: { helper: Helper; canReassign: boolean; onReassign: () => void }) {
  const { t } = useTranslation();
  const isEnded = helper.endedOn !== null;
  return (
    <li className={isEnded ? 'fp-helper-ended' : undefined} data-testid={isEnded ? 'helper-ended' : 'helper-active'}>
      <Tag>{t(`monitoring.helperKind.${helper.kind}`)}</Tag>
      <span className="fp-helper-name" data-testid="helper-name">
        {helper.name}
      </span>
      {helper.unit ? <span>{helper.unit}</span> : null}
      {helper.phoneMasked ? <span className="fp-mono">{helper.phoneMasked}</span> : null}
      <span className="fp-muted">{t('monitoring.record.assignedOn', { date: helper.assignedOn })}</span>
      {isEnded ? <span>{t('monitoring.record.ended', { date: helper.endedOn, reason: helper.endReason ?? '' })}</span> : null}
      {canReassign && !isEnded ? (
        <span className="fp-helper-actions">
          <Button size="small" icon={<SwapOutlined />} onClick={onReassign} data-testid="helper-reassign">
            {t('monitoring.record.reassign')}
          </Button>
        </span>
      ) : null}
    </li>
  );
}

/**
 * The household page's 监测信息: status, category, risks, income, the helpers (with reassignments
 * kept) and the monitoring history. Nothing is shown for a household that was never monitored, or
 * that the user may not see the record of (a helping cadre not assigned to it).
 */
export function HouseholdMonitoring({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation();
  const record = useMonitoringRecord(householdId);
  const [form, setForm] = useState<{ replaces?: Helper } | null>(null);
  if (record.isPending)
    return (
      <Card size="small" className="fp-section">
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  if (record.isError || !record.data.record) return null;
  const { record: m, helpers, history, abilities } = record.data;
  const canAssign = abilities.canAssignHelpers;
  return (
    <Card
      size="small"
      className="fp-section"
      title={
        <span>
          {t('monitoring.record.title')} <MonitoringStatusTag status={m.status} />
        </span>
      }
      extra={
        <Link to={`/households/${householdId}/file`} data-testid="household-file-link">
          <FileTextOutlined /> {t('monitoring.file.open')}
        </Link>
      }
      data-testid="household-monitoring"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
        classNames={{ label: 'fp-desc-label' }}
        items={[
          { key: 'category', label: t('monitoring.record.category'), children: <CategoryTag category={m.category} /> },
          { key: 'risks', label: t('monitoring.record.riskTypes'), children: <RiskTypeTags codes={m.riskTypes} /> },
          { key: 'identifiedOn', label: t('monitoring.record.identifiedOn'), children: m.identifiedOn ?? t('common.empty') },
          {
            key: 'income',
            label: t('monitoring.record.income'),
            children: t('monitoring.incomeValue', { amount: m.perCapitaIncome.toLocaleString('zh-CN'), year: m.incomeYear }),
          },
          ...(m.helperDueOn
            ? [
                {
                  key: 'due',
                  label: t('monitoring.record.helperDueOn'),
                  children: m.isHelperOverdue ? (
                    <span className="fp-monitoring-overdue" data-testid="record-helper-overdue">
                      <WarningOutlined /> {t('monitoring.helperOverdue', { date: m.helperDueOn })}
                    </span>
                  ) : (
                    m.helperDueOn
                  ),
                },
              ]
            : []),
          ...(m.eliminatedOn ? [{ key: 'eliminated', label: t('monitoring.record.eliminatedOn'), children: m.eliminatedOn }] : []),
          ...(m.rolledBackOn
            ? [{ key: 'rolledBack', label: t('monitoring.statusName.rolledBack'), children: t('monitoring.record.rolledBack', { date: m.rolledBackOn, reason: m.rollbackReason ?? '' }) }]
            : []),
        ]}
      />
      <div className="fp-page-header fp-monitoring-subhead">
        <strong>{t('monitoring.record.helpers')}</strong>
        {canAssign ? (
          <Button className="fp-monitoring-assign" type="primary" size="small" icon={<PlusOutlined />} onClick={() => setForm({})} data-testid="helper-assign">
            {t('monitoring.record.assign')}
          </Button>
        ) : null}
      </div>
      {helpers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.record.noHelpers')} />
      ) : (
        <ul className="fp-helper-list" data-testid="helper-list">
          {helpers.map((h) => (
            <HelperItem key={h.id} helper={h} canReassign={canAssign} onReassign={() => setForm({ replaces: h })} />
          ))}
        </ul>
      )}
      <MeasuresView data={record.data} />
      <HelperVisitsView householdId={householdId} identifiedOn={m.identifiedOn} />
      <EliminationPanel householdId={householdId} status={m.status} riskTypes={m.riskTypes} identifiedOn={m.identifiedOn} eliminatedOn={m.eliminatedOn} />
      <div className="fp-page-header fp-monitoring-subhead">
        <strong>{t('monitoring.record.history')}</strong>
      </div>
      {history.length === 0 ? (
        <span className="fp-muted">{t('monitoring.record.historyEmpty')}</span>
      ) : (
        <Timeline
          items={history.map((e) => ({
            key: String(e.id),
            content: (
              <span data-testid="monitoring-history-entry">
                {t(`monitoring.record.action.${e.action}`, { defaultValue: e.action })} · {operatorName(t, e)}
                <span className="fp-muted"> · {formatDateTime(e.at, i18n.language)}</span>
              </span>
            ),
          }))}
        />
      )}
      {form ? (
        <HelperForm
          householdId={householdId}
          dueOn={m.helperDueOn}
          identifiedOn={m.identifiedOn}
          {...(form.replaces ? { replaces: form.replaces } : {})}
          onClose={() => setForm(null)}
        />
      ) : null}
    </Card>
  );
}
