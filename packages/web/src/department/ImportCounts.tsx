import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { sortedCodes } from './labels';

export interface Counts {
  rows: number;
  matched: number;
  unmatched: number;
  rejected: number;
  warnings: number;
  newWarnings?: number;
}

/** The counts of a department import, as labelled tiles (rows = matched + unmatched + rejected). */
export function ImportCounts({ counts, compact = false }: { counts: Counts; compact?: boolean }) {
  const { t } = useTranslation();
  const tiles: { key: keyof Counts; tone?: 'good' | 'bad' | 'warn' }[] = [
    { key: 'rows' },
    { key: 'matched', tone: 'good' },
    { key: 'unmatched' },
    { key: 'rejected', tone: counts.rejected > 0 ? 'bad' : undefined },
    { key: 'warnings', tone: counts.warnings > 0 ? 'warn' : undefined },
  ];
  if (counts.newWarnings !== undefined)
    tiles.push({ key: 'newWarnings', tone: counts.newWarnings > 0 ? 'warn' : undefined });
  return (
    <div className={compact ? 'fp-counts fp-counts-compact' : 'fp-counts'} data-testid="import-counts">
      {tiles.map(({ key, tone }) => (
        <div key={key} className={tone ? `fp-count fp-count-${tone}` : 'fp-count'} data-testid={`count-${key}`}>
          <span className="fp-count-value" data-value={counts[key]}>
            {counts[key]}
          </span>
          <span className="fp-count-label">{t(`department.${key}`)}</span>
        </div>
      ))}
    </div>
  );
}

/** Rejection reasons as tags: label and count, the code in the tooltip. */
export function RejectedByCode({ byCode }: { byCode: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = sortedCodes(byCode);
  if (entries.length === 0) return null;
  return (
    <span className="fp-tag-list" data-testid="rejected-by-code">
      {entries.map(([code, count]) => (
        <Tooltip key={code} title={code}>
          <Tag color="red" data-testid="rejected-code" data-code={code}>
            {t(`codes.importError.${code}`, { defaultValue: code })} × {count}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
