import { Button, Form, Input, Radio, type FormInstance, type FormItemProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseEventType } from '../types';

/**
 * What every action form calls with its event's data (and the optional comment); resolves to true
 * when the server recorded the event. The date, version, refusal and conflict handling live in
 * useCaseEventSubmit, once for all actions.
 */
export type Submit = (data?: Record<string, unknown>, comment?: string) => Promise<boolean>;

/** What the dispatcher hands every action form. */
export interface ActionProps {
  submit: Submit;
  pending: boolean;
}

/** Events whose button is red: they end or turn back the case. */
export const DANGER: ReadonlySet<CaseEventType> = new Set(['withdraw', 'rejectAfterAssessment', 'screenOut', 'townshipReturn']);

/**
 * Keeps a date field that defaults to the step's date (办理日期) on that date when it changes,
 * until the user sets the field by hand: forms follow the day the step really happened, not today.
 */
export function useFollowStepDate(form: FormInstance, field: string, stepDate: string): void {
  useEffect(() => {
    // (setFieldValue would mark the field touched: the next date would no longer follow.)
    if (!form.isFieldTouched(field)) form.setFields([{ name: field, value: stepDate, touched: false }]);
  }, [form, field, stepDate]);
}

export function SubmitButton({ type, pending, danger, label }: { type: CaseEventType; pending: boolean; danger?: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" danger={danger} htmlType="submit" loading={pending} data-testid="case-submit" data-event={type} block>
      {label ?? t(`cases.event.${type}`)}
    </Button>
  );
}

/** One answer out of a few, one per line (approve / reject, recommend / not, the category). */
export function RadioStack({
  name,
  label,
  rules,
  testId,
  options,
}: {
  name: string;
  label: string;
  rules?: FormItemProps['rules'];
  testId?: string;
  options: { value: string; label: string; testId: string }[];
}) {
  return (
    <Form.Item name={name} label={label} rules={rules}>
      <Radio.Group className="fp-radio-stack" data-testid={testId}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} data-testid={o.testId}>
            {o.label}
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

export function CommentField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="comment" label={t('cases.action.comment')}>
      <Input.TextArea rows={2} maxLength={500} placeholder={t('cases.action.commentPlaceholder')} data-testid="case-comment" />
    </Form.Item>
  );
}
