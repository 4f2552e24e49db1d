import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChannelTag, ClockBadge, GreenChannelTag, StepDue, StepTag } from './parts';
import type { CaseSummary } from './types';

/** One case as a tappable card: who, where, which step, how much time is left (phones and to-do). */
export function CaseCard({ c, today }: { c: CaseSummary; today: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/cases/${c.id}`}
      className="fp-case-card"
      data-testid="case-card"
      data-case-id={c.id}
      data-case-number={c.caseNumber}
    >
      <div className="fp-case-card-top">
        <span className="fp-case-card-name" data-testid="case-head">
          {c.headName ?? t('cases.list.noHousehold')}
        </span>
        <StepTag step={c.step} />
        {c.greenChannel ? <GreenChannelTag /> : null}
        <RightOutlined className="fp-case-card-arrow" />
      </div>
      <div className="fp-case-card-meta">
        <span className="fp-mono">{c.caseNumber}</span>
        <span className="fp-dot">·</span>
        <span>{[c.townshipName, c.villageName].filter(Boolean).join(' ')}</span>
        <span className="fp-dot">·</span>
        <ChannelTag channel={c.channel} />
      </div>
      <div className="fp-case-card-meta fp-case-card-due">
        <span>
          {t('cases.list.stepDue')} <StepDue stepDueOn={c.stepDueOn} today={today} />
        </span>
        <span>
          {t('cases.list.due')} <ClockBadge c={c} />
        </span>
      </div>
    </Link>
  );
}
