import { WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { MonitoringStatus } from '@fangpin/domain';
import { useTranslation } from 'react-i18next';
import { riskTypeLabel } from '../department/labels';
import type { MonitoringCategory } from './api';

const STATUS_COLORS: Record<MonitoringStatus, string> = {
  monitoring: 'processing',
  eliminatedStable: 'success',
  eliminatedTracking: 'cyan',
  rolledBack: 'warning',
};

export function MonitoringStatusTag({ status }: { status: MonitoringStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="monitoring-status">
      {t(`monitoring.statusName.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: MonitoringCategory | null }) {
  const { t } = useTranslation();
  return <Tag color={category === 'sudden' ? 'red' : category === 'unstable' ? 'volcano' : category ? 'gold' : 'default'}>{t(`monitoring.categoryName.${category ?? 'none'}`)}</Tag>;
}

/** Risk types; those without a matching measure in red, with a warning mark and a tooltip in the UI language. */
export function RiskTypeTags({ codes, uncovered = [] }: { codes: string[]; uncovered?: string[] }) {
  const { t } = useTranslation();
  return (
    <span className="fp-tag-row">
      {codes.map((code) =>
        uncovered.includes(code) ? (
          <Tag key={code} color="error" icon={<WarningOutlined />} title={t('monitoring.flag.uncoveredRisk')} data-testid="risk-type-uncovered">
            {riskTypeLabel(t, code)}
          </Tag>
        ) : (
          <Tag key={code} data-testid="risk-type">
            {riskTypeLabel(t, code)}
          </Tag>
        ),
      )}
    </span>
  );
}
