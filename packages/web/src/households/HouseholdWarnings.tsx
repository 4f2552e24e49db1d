import { LinkOutlined } from '@ant-design/icons';
import { Empty, List, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDepartmentSources, useWarnings } from '../api/hooks';
import type { Warning } from '../api/types';
import { riskTypeLabel, sourceName } from '../department/labels';
import { ErrorState } from '../ui/ErrorState';
import { EvidenceButton, WarningEvidence } from '../warnings/WarningEvidence';
import { StatusTag } from '../warnings/StatusTag';
import { describeWarning, textLanguage } from '../i18n/server-texts';

/**
 * A household's department warnings (预警), earliest check deadline first as in the queue, each with
 * its status and (for those who dispatch or verify) the rows it rests on. For a monitoring object
 * this is where a new risk signal meets its file: the warning is marked 监测对象 and verified as
 * "already monitored" instead of opening a new identification.
 */
export function HouseholdWarnings({ householdId, canSeeEvidence }: { householdId: string; canSeeEvidence: boolean }) {
  const { t, i18n } = useTranslation();
  const warnings = useWarnings({ householdId, page: 1, pageSize: 100 });
  const sources = useDepartmentSources();
  const [evidenceFor, setEvidenceFor] = useState<Warning | null>(null);
  if (warnings.isError) return <ErrorState error={warnings.error} onRetry={() => void warnings.refetch()} />;
  if (warnings.isPending) return <Spin />;
  const items = warnings.data.items;
  if (items.length === 0) return <Empty description={t('household.noWarnings')} />;
  return (
    <>
      <List
        size="small"
        dataSource={items}
        renderItem={(w) => (
          <List.Item data-testid="household-warning" data-warning-id={w.id} data-status={w.status}>
            <div className="fp-stacked">
              <span className="fp-tag-list">
                <Tag color="orange">{riskTypeLabel(t, w.riskType)}</Tag>
                <StatusTag status={w.status} />
                {w.isMonitored ? <Tag color="purple">{t('warnings.isMonitored')}</Tag> : null}
                <span className="fp-muted">
                  {w.sources.map((s) => sourceName(s, sources.data, i18n.language, true)).join('、')} · {w.period}
                </span>
              </span>
              <span>{describeWarning(w, textLanguage(i18n.language))}</span>
              {w.statusReason ? (
                <span className="fp-muted">{t('warnings.reasonShown', { reason: w.statusReason })}</span>
              ) : null}
              {w.caseId && w.caseNumber ? (
                <span>
                  <Link to={`/cases/${w.caseId}`} className="fp-mono" data-testid="warning-case-link">
                    <LinkOutlined /> {t('warnings.case')} {w.caseNumber}
                  </Link>
                  {w.caseStep === 'withdrawn' ? <span className="fp-muted"> （{t('warnings.caseWithdrawn')}）</span> : null}
                </span>
              ) : null}
              {canSeeEvidence ? (
                <span>
                  <EvidenceButton onClick={() => setEvidenceFor(w)} />
                </span>
              ) : null}
            </div>
          </List.Item>
        )}
      />
      <WarningEvidence warning={evidenceFor} onClose={() => setEvidenceFor(null)} />
    </>
  );
}
