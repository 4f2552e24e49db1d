import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../api/types';
import { useHouseholdLookup } from './hooks';

interface HouseholdLookupProps {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Called with the chosen household (or null when cleared), e.g. to fill in its village. */
  onPick?: (household: HouseholdSummary | null) => void;
  /** A household chosen elsewhere (e.g. found by the caller's phone) so its label can be shown. */
  known?: HouseholdSummary | null;
  placeholder?: string;
  testId?: string;
  size?: 'large' | 'middle' | 'small';
}

export function householdOptionLabel(h: HouseholdSummary): string {
  const place = [h.townshipName, h.villageName].filter(Boolean).join(' ');
  return [h.headName, h.householdNumber, place, h.phoneMasked].filter(Boolean).join(' · ');
}

/** Household type-ahead: the server searches name prefix, phone, full ID number or household number. */
export function HouseholdLookup({
  id,
  value,
  onChange,
  onPick,
  known,
  placeholder,
  testId,
  size,
}: HouseholdLookupProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<HouseholdSummary | null>(null);

  // Wait for a pause in typing before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const lookup = useHouseholdLookup(search);
  const found = lookup.data;
  const options = useMemo(() => {
    const rows = new Map<string, HouseholdSummary>();
    for (const h of [picked, known]) if (h && h.id === value) rows.set(h.id, h);
    for (const h of search ? (found ?? []) : []) rows.set(h.id, h);
    return [...rows.values()].map((h) => ({ value: h.id, label: householdOptionLabel(h), household: h }));
  }, [found, picked, known, value, search]);

  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      size={size}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      placeholder={placeholder}
      options={options}
      popupMatchSelectWidth={false}
      notFoundContent={lookup.isFetching ? <Spin size="small" /> : search ? t('hotline.desk.householdNone') : null}
      onChange={(next, option) => {
        const household =
          next && option && !Array.isArray(option) ? (option as { household?: HouseholdSummary }).household : undefined;
        setPicked(household ?? null);
        setTyped('');
        onChange?.(next ?? null);
        onPick?.(household ?? null);
      }}
      onClear={() => {
        setPicked(null);
        onChange?.(null);
        onPick?.(null);
      }}
      data-testid={testId}
    />
  );
}
