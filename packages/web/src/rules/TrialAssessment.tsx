import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRunAssessment } from '../api/hooks';
import type { TrialAssessmentResult } from '../api/types';
import { ProblemAlert } from '../ui/ProblemAlert';
import { formatNumber } from './labels';
import { isIsoDate, trialHousehold } from './rule-model';
import { describeAssessmentReason, textLanguage } from '../i18n/server-texts';

interface TrialValues {
  applicationDate: string;
  householdType: 'ordinary' | 'formerlyPoor';
  members: number;
  netIncome: number;
}

/**
 * 试算: a made-up household (N working-age members, one year's net income) assessed under the rule
 * set in force on the chosen date, to see which monitoring line and version applies. Advice only.
 */
export function TrialAssessment({ regionCode, date }: { regionCode: string; date: string }) {
  const { t, i18n } = useTranslation();
  const run = useRunAssessment();
  const [result, setResult] = useState<TrialAssessmentResult | null>(null);
  const lang = i18n.language;

  const onFinish = (values: TrialValues) => {
    run.mutate(trialHousehold({ regionCode, ...values }), { onSuccess: setResult });
  };

  return (
    <div className="fp-rule-trial" data-testid="rule-trial">
      <Alert type="info" className="fp-section" title={t('rules.trial.intro')} />
      <Form<TrialValues>
        layout="vertical"
        requiredMark={false}
        initialValues={{ applicationDate: date, householdType: 'ordinary', members: 3, netIncome: 27000 }}
        onFinish={onFinish}
        className="fp-rule-form-row"
      >
        <Form.Item
          name="applicationDate"
          label={t('rules.trial.applicationDate')}
          rules={[
            {
              validator: async (_, v: string) =>
                isIsoDate(v ?? '') ? undefined : Promise.reject(new Error(t('rules.form.invalidDate'))),
            },
          ]}
        >
          <Input type="date" className="fp-rule-date" data-testid="rule-trial-date" />
        </Form.Item>
        <Form.Item name="householdType" label={t('household.type')}>
          <Select
            className="fp-rule-select"
            options={[
              { value: 'ordinary', label: t('codes.householdType.ordinary') },
              { value: 'formerlyPoor', label: t('codes.householdType.formerlyPoor') },
            ]}
          />
        </Form.Item>
        <Form.Item name="members" label={t('rules.trial.members')} rules={[{ required: true }]}>
          <InputNumber<number> min={1} max={12} precision={0} className="fp-rule-year" />
        </Form.Item>
        <Form.Item name="netIncome" label={t('rules.trial.netIncome')} rules={[{ required: true }]}>
          <InputNumber<number>
            min={0}
            step={1000}
            precision={0}
            suffix={t('rules.yuanUnit')}
            className="fp-rule-number"
            data-testid="rule-trial-income"
          />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="rule-trial-run">
            {t('rules.trial.run')}
          </Button>
        </Form.Item>
      </Form>

      <ProblemAlert error={run.error} testId="rule-trial-error" />

      {result && !run.isError ? (
        <Card size="small" className="fp-rule-trial-result" data-testid="rule-trial-result">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 4, xxl: 4 }}
            classNames={{ label: 'fp-desc-label' }}
            items={[
              {
                key: 'line',
                label: t('rules.monitoringLine'),
                children: (
                  <strong data-testid="rule-trial-line">
                    {t('rules.yuan', { value: formatNumber(result.monitoringLine, lang) })}
                  </strong>
                ),
              },
              {
                key: 'income',
                label: t('rules.trial.perCapita'),
                children: t('rules.yuan', { value: formatNumber(result.perCapitaNetIncome, lang) }),
              },
              {
                key: 'within',
                label: t('rules.trial.verdict'),
                children: result.withinLine ? (
                  <Tag color="orange">{t('rules.trial.withinLine')}</Tag>
                ) : (
                  <Tag color="green">{t('rules.trial.aboveLine')}</Tag>
                ),
              },
              {
                key: 'version',
                label: t('rules.version'),
                children: (
                  <span className="fp-mono" data-testid="rule-trial-version">
                    {result.ruleSetVersion}
                  </span>
                ),
              },
            ]}
          />
          <ul className="fp-rule-trial-reasons">
            {result.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`} data-testid="rule-trial-reason" data-code={r.code}>{describeAssessmentReason(r, textLanguage(i18n.language))}</li>
            ))}
          </ul>
          <div className="fp-muted fp-small">{t('rules.trial.adviceOnly')}</div>
        </Card>
      ) : null}
    </div>
  );
}
