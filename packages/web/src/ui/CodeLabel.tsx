import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdType } from '../api/types';

export type CodeList = 'relation' | 'health' | 'labourCapacity' | 'schooling' | 'sex' | 'householdType' | 'regionLevel';

/** Display label for a code value; an unknown code is shown as-is rather than hidden. */
export function useCodeLabel() {
  const { t } = useTranslation();
  return (list: CodeList, code: string | null | undefined): string =>
    code ? t(`codes.${list}.${code}`, { defaultValue: code }) : t('common.empty');
}

export function HouseholdTypeTag({ type }: { type: HouseholdType }) {
  const label = useCodeLabel();
  return (
    <Tag color={type === 'formerlyPoor' ? 'volcano' : 'blue'} variant="filled" data-testid="household-type">
      {label('householdType', type)}
    </Tag>
  );
}

const HEALTH_COLORS: Record<string, string> = {
  healthy: 'green',
  chronic: 'orange',
  serious: 'red',
  disabled: 'purple',
};

export function HealthTag({ health }: { health: string }) {
  const label = useCodeLabel();
  return <Tag color={HEALTH_COLORS[health] ?? 'default'}>{label('health', health)}</Tag>;
}
