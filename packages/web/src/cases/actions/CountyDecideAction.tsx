import { Alert, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_TYPE_CODES } from '@fangpin/domain';
import { riskTypeLabel } from '../../department/labels';
import { decisionProblem } from '../case-model';
import type { CaseDetail } from '../types';
import { CommentField, RadioStack, SubmitButton, useFollowStepDate, type ActionProps } from './action-kit';

interface DecideValues {
  decision: 'approved' | 'rejected';
  category?: string;
  riskTypes?: string[];
  effectiveOn?: string;
  reason?: string;
}

/** 县级认定: approve (category, risk types, 认定日期) or reject with a reason. */
export function CountyDecideAction({ detail, submit, pending, stepDate }: ActionProps & { detail: CaseDetail; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecideValues>();
  // 认定日期 is the day of the decision unless the county sets another.
  useFollowStepDate(form, 'effectiveOn', stepDate);
  const decision = Form.useWatch('decision', form);
  const [problem, setProblem] = useState<string | null>(null);
  const suggested = detail.assessment;
  return (
    <Form<DecideValues>
      form={form}
      layout="vertical"
      initialValues={{
        decision: 'approved',
        category: suggested?.suggestedCategory ?? undefined,
        riskTypes: [...(suggested?.riskTypes ?? detail.riskTypes ?? [])].slice(0, 5),
        effectiveOn: stepDate,
      }}
      onFinish={(v) => {
        const why = decisionProblem(v);
        setProblem(why);
        if (why) return;
        void submit(
          v.decision === 'approved'
            ? { decision: 'approved', category: v.category, riskTypes: v.riskTypes, effectiveOn: v.effectiveOn }
            : { decision: 'rejected', reason: v.reason?.trim() },
        );
      }}
      data-testid="form-countyDecide"
    >
      <RadioStack
        name="decision"
        label={t('cases.decision.decision')}
        options={(['approved', 'rejected'] as const).map((d) => ({ value: d, label: t(`cases.decision.${d}`), testId: `decision-${d}` }))}
      />
      {decision === 'rejected' ? (
        <Form.Item name="reason" label={t('cases.decision.reason')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-reason" />
        </Form.Item>
      ) : (
        <>
          <RadioStack
            name="category"
            label={t('cases.decision.category')}
            testId="decision-category"
            options={(['unstable', 'marginal', 'sudden'] as const).map((c) => ({ value: c, label: t(`cases.category.${c}`), testId: `decision-category-${c}` }))}
          />
          <Form.Item name="riskTypes" label={t('cases.decision.riskTypes')}>
            <Select
              mode="multiple"
              maxCount={5}
              options={RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))}
              optionFilterProp="label"
              data-testid="decision-risk-types"
              aria-label={t('cases.decision.riskTypes')}
            />
          </Form.Item>
          <Form.Item name="effectiveOn" label={t('cases.decision.effectiveOn')}>
            <Input type="date" data-testid="decision-effective-on" />
          </Form.Item>
        </>
      )}
      {problem ? <Alert type="error" showIcon className="fp-section" title={t(`cases.decision.${problem}`)} data-testid="decision-problem" /> : null}
      <CommentField />
      <SubmitButton type="countyDecide" pending={pending} />
    </Form>
  );
}
