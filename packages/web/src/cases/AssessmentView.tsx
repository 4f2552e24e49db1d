import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdAssessment } from '@fangpin/domain';
import { riskTypeLabel } from '../department/labels';
import { formatYuan } from './event-summary';
import { describeAssessmentReason, describeRedFlag, textLanguage } from '../i18n/server-texts';

const EFFECT_ICON = {
  supports: <CheckCircleOutlined className="fp-reason-supports" />,
  against: <CloseCircleOutlined className="fp-reason-against" />,
  info: <InfoCircleOutlined className="fp-reason-info" />,
} as const;

/** The system assessment as stored with the case: income vs line, category, risks, every reason in the reader's language (written from its code and params). */
export function AssessmentView({ assessment }: { assessment: HouseholdAssessment }) {
  const { t, i18n } = useTranslation();
  const yuan = (n: number) => formatYuan(n, i18n.language);
  const lang = textLanguage(i18n.language);
  const a = assessment;
  return (
    <div className="fp-assessment" data-testid="case-assessment" data-within-scope={a.isWithinScope}>
      <div className="fp-assessment-figures">
        <div className="fp-assessment-figure">
          <span className="fp-count-label">{t('cases.assessment.perCapita')}</span>
          <span className={a.withinLine ? 'fp-assessment-value' : 'fp-assessment-value fp-assessment-above'} data-testid="assessment-per-capita">
            {yuan(a.perCapitaNetIncome)}
          </span>
          <span className="fp-muted fp-small">{t('cases.assessment.yuanPerYear')}</span>
        </div>
        <div className="fp-assessment-figure">
          <span className="fp-count-label">{t('cases.assessment.line')}</span>
          <span className="fp-assessment-value" data-testid="assessment-line">
            {yuan(a.monitoringLine)}
          </span>
          <span className="fp-muted fp-small" data-testid="assessment-line-verdict">
            {a.income.householdSize === 0 ? t('cases.assessment.noMembers') : a.withinLine ? t('cases.assessment.within') : t('cases.assessment.above')}
          </span>
        </div>
        {a.perCapitaIncomeAfterRigidSpending !== a.perCapitaNetIncome ? (
          <div className="fp-assessment-figure">
            <span className="fp-count-label">{t('cases.assessment.afterRigid')}</span>
            <span className="fp-assessment-value">{yuan(a.perCapitaIncomeAfterRigidSpending)}</span>
          </div>
        ) : null}
        <div className="fp-assessment-figure">
          <span className="fp-count-label">{t('cases.assessment.category')}</span>
          {a.suggestedCategory ? (
            <Tag color="blue" className="fp-assessment-category" data-testid="assessment-category" data-category={a.suggestedCategory}>
              {t(`cases.category.${a.suggestedCategory}`)}
            </Tag>
          ) : (
            <Tag color="default" className="fp-assessment-category" data-testid="assessment-category" data-category="">
              {t('cases.assessment.noCategory')}
            </Tag>
          )}
          <span className="fp-muted fp-small">{t('cases.assessment.labourCount', { count: a.labourCount })}</span>
        </div>
      </div>
      {a.riskTypes.length > 0 ? (
        <div className="fp-assessment-row">
          <span className="fp-muted">{t('cases.assessment.riskTypes')}：</span>
          <span className="fp-tag-list">
            {a.riskTypes.map((code) => (
              <Tag key={code} color="orange" data-testid="assessment-risk" data-code={code}>
                {riskTypeLabel(t, code)}
              </Tag>
            ))}
          </span>
        </div>
      ) : null}
      <div className="fp-assessment-reasons-title">{t('cases.assessment.reasons')}</div>
      <ul className="fp-assessment-reasons" data-testid="assessment-reasons">
        {a.reasons.map((r, index) => (
          <li key={`${r.code}-${index}`} data-testid="assessment-reason" data-code={r.code} data-effect={r.effect}>
            {EFFECT_ICON[r.effect]}
            <span>{describeAssessmentReason(r, lang)}</span>
          </li>
        ))}
      </ul>
      {a.redFlags.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          icon={<ExclamationCircleOutlined />}
          className="fp-assessment-flags"
          data-testid="assessment-red-flags"
          title={t('cases.assessment.redFlags')}
          description={
            <ul className="fp-assessment-flag-list">
              {a.redFlags.map((f, index) => (
                <li key={`${f.code}-${index}`}>{describeRedFlag(f, lang)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div className="fp-muted fp-small fp-assessment-meta">
        {t('cases.assessment.ruleSet', { version: a.ruleSetVersion, date: a.assessedOn })}
      </div>
    </div>
  );
}
