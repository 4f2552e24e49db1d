import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<string, string> = {
  new: 'red',
  dispatched: 'processing',
  riskConfirmed: 'volcano',
  noRisk: 'green',
  alreadyMonitored: 'purple',
};

/** A warning's status as a coloured tag (the queue, the household page, the case). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="warning-status" data-status={status}>
      {t(`codes.warningStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}
