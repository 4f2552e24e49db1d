import { Alert, Form } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentUpload } from '../AttachmentUpload';
import { buildVerificationData, defaultAmountMonth, membersFromHousehold, type VerificationValues } from '../case-model';
import { latestVerificationData, verificationValuesFrom } from '../case-facts';
import type { CaseDetail } from '../types';
import { VerificationFields } from '../VerificationForm';
import { SubmitButton, type ActionProps } from './action-kit';

/** 入户核实: the household's members, incomes of the case's income window, assets and the consent form. */
export function VerificationAction({ detail, submit, pending, stepDate }: ActionProps & { detail: CaseDetail; stepDate: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerificationValues>();
  const window = detail.incomeWindow;
  const month = defaultAmountMonth(stepDate, window);
  // Computed once per case version: a later change of 办理日期 must not wipe what was typed.
  const initial = useMemo<VerificationValues>(() => {
    const previous = latestVerificationData(detail);
    const members = membersFromHousehold(detail.household?.members ?? [], stepDate);
    return verificationValuesFrom(previous, members, month);
  }, [detail]);
  if (!detail.household) {
    return <Alert type="warning" showIcon className="fp-section" title={t('cases.link.beforeVerification')} data-testid="verify-needs-household" />;
  }
  const hasConsentFile = detail.attachments.some((a) => a.purpose === 'consent');
  // Members carry fields without inputs (id, name, relation): read every stored value, not only the inputs'.
  const onFinish = () => void submit(buildVerificationData(form.getFieldsValue(true), month), undefined);
  return (
    <Form<VerificationValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      scrollToFirstError
      // The month inputs carry the window as min/max (the phone's picker offers only those months);
      // the row's own message says why, so the browser's bubble must not cover it and block the check.
      noValidate
      data-testid="form-recordVerification"
    >
      <VerificationFields
        form={form}
        stepDate={stepDate}
        window={window}
        hasConsentFile={hasConsentFile}
        consentSlot={<AttachmentUpload caseId={detail.id} purpose="consent" attachments={detail.attachments} />}
      />
      <SubmitButton type="recordVerification" pending={pending} />
    </Form>
  );
}
