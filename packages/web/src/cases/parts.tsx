import { ClockCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IDENTIFICATION_STEP_EN, IDENTIFICATION_STEP_ZH, type IdentificationStep } from '@fangpin/domain';
import { clockTone } from './case-model';
import type { CaseSummary } from './types';

/** English step names (the domain carries the zh-CN ones). */
function englishStep(step: string): string {
  return (IDENTIFICATION_STEP_EN as Record<string, string>)[step] ?? step;
}

/** Short zh-CN step names for tags and the steps bar: the domain's, without the explanations two of them carry. */
export const STEP_SHORT_ZH: Record<IdentificationStep, string> = {
  ...IDENTIFICATION_STEP_ZH,
  homeVerification: '入户核实',
  propertyCheck: '财产检索',
};

export function stepShort(step: string, language: string): string {
  if (language === 'en') return englishStep(step);
  return (STEP_SHORT_ZH as Record<string, string>)[step] ?? step;
}

const STEP_COLORS: Partial<Record<IdentificationStep, string>> = {
  clueRegistered: 'default',
  homeVerification: 'processing',
  propertyCheck: 'processing',
  systemAssessment: 'processing',
  villageDeliberation: 'cyan',
  publicNotice: 'gold',
  townshipReview: 'geekblue',
  countyApproval: 'purple',
  callback: 'lime',
  closed: 'success',
  withdrawn: 'default',
};

export function StepTag({ step }: { step: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag
      color={(STEP_COLORS as Record<string, string>)[step] ?? 'default'}
      data-testid="case-step"
      data-step={step}
      className="fp-case-step-tag"
    >
      {stepShort(step, i18n.language)}
    </Tag>
  );
}

export function ChannelTag({ channel, testId = 'case-channel' }: { channel: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag data-testid={testId} data-channel={channel}>
      {t(`cases.channel.${channel}`, { defaultValue: t('cases.channel.other') })}
    </Tag>
  );
}

export function GreenChannelTag() {
  const { t } = useTranslation();
  return (
    <Tag color="green" icon={<ThunderboltOutlined />} data-testid="case-green-channel">
      {t('cases.greenChannel')}
    </Tag>
  );
}

/** Days left of the whole procedure: red when overdue, orange when due soon. */
export function ClockBadge({ c, withDate = true }: { c: Pick<CaseSummary, 'isOverdue' | 'daysLeft' | 'step' | 'dueOn'>; withDate?: boolean }) {
  const { t } = useTranslation();
  const tone = clockTone(c);
  const text =
    tone === 'done'
      ? t('cases.clock.done')
      : c.daysLeft === null
        ? ''
        : c.daysLeft < 0
          ? t('cases.clock.overdueBy', { count: -c.daysLeft })
          : c.isOverdue
            ? t('cases.clock.overdueBy', { count: 0 })
            : c.daysLeft === 0
              ? t('cases.clock.dueToday')
              : t('cases.clock.daysLeft', { count: c.daysLeft });
  return (
    <span className={`fp-clock fp-clock-${tone}`} data-testid="case-clock" data-tone={tone}>
      {withDate ? <span className="fp-mono">{c.dueOn}</span> : null}
      {text ? (
        <span className="fp-clock-left">
          <ClockCircleOutlined /> {text}
        </span>
      ) : null}
    </span>
  );
}

/** A step's own due date, red once passed. */
export function StepDue({ stepDueOn, today }: { stepDueOn: string | null; today: string }) {
  const { t } = useTranslation();
  if (!stepDueOn) return <span className="fp-muted">{t('common.empty')}</span>;
  const late = stepDueOn < today;
  return (
    <span className={late ? 'fp-mono fp-clock-overdue' : 'fp-mono'} data-testid="case-step-due" data-overdue={late}>
      {stepDueOn}
    </span>
  );
}

export function roleLabel(t: TFunction, role: string | null): string {
  if (!role) return '';
  return t(`cases.role.${role}`, { defaultValue: role });
}
