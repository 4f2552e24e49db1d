import { Select } from 'antd';
import { useMemo } from 'react';
import type { VillageOption } from './types';
import { villageLabel, villageMatches } from './villages';

interface VillageSelectProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  villages: readonly VillageOption[];
  loading?: boolean;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  size?: 'large' | 'middle' | 'small';
}

/** Village type-ahead over the actor's region tree: type part of the village or township name. */
export function VillageSelect({
  id,
  value,
  onChange,
  villages,
  loading,
  placeholder,
  disabled,
  testId,
  size,
}: VillageSelectProps) {
  const byCode = useMemo(() => new Map(villages.map((v) => [v.code, v])), [villages]);
  const options = useMemo(() => villages.map((v) => ({ value: v.code, label: villageLabel(v) })), [villages]);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(code) => onChange?.(code)}
      options={options}
      loading={loading}
      disabled={disabled}
      size={size}
      allowClear
      showSearch={{
        filterOption: (input, option) => {
          const village = typeof option?.value === 'string' ? byCode.get(option.value) : undefined;
          return village ? villageMatches(village, input) : false;
        },
      }}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      data-testid={testId}
      notFoundContent={null}
    />
  );
}
