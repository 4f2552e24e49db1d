import { Alert, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildManualFindings, isEmptyFindings, type VerificationValues } from '../case-model';
import { findingLines, latestVerificationData, propertyFindings } from '../case-facts';
import type { CaseDetail } from '../types';
import { AssetFields, Section } from '../VerificationForm';
import { SubmitButton, type ActionProps } from './action-kit';

/** 财产核查: what the departments' data found, what the family declared, and what the checker adds by hand. */
export function PropertyCheckAction({ detail, submit, pending }: ActionProps & { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Pick<VerificationValues, 'vehicles' | 'businessLicences' | 'urbanHousing' | 'hiresLabour' | 'largeScaleFarming'> & { notes?: string }>();
  const automatic = findingLines(t, propertyFindings(detail));
  const declared = findingLines(t, (latestVerificationData(detail)?.assets ?? null) as Record<string, unknown> | null);
  // Nobody to search: say so rather than "nothing found" (the server refuses the step too).
  if (!detail.household || detail.household.size === 0) {
    return (
      <Alert
        type="warning"
        showIcon
        className="fp-section"
        title={t(detail.household ? 'cases.link.emptyHousehold' : 'cases.link.beforePropertyCheck')}
        data-testid="property-needs-household"
      />
    );
  }
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ vehicles: [], businessLicences: [], urbanHousing: [], hiresLabour: false, largeScaleFarming: false }}
      onFinish={(values) => {
        const manual = buildManualFindings(values);
        const data: Record<string, unknown> = {};
        if (!isEmptyFindings(manual)) data.manualFindings = manual;
        if (values.notes?.trim()) data.notes = values.notes.trim();
        void submit(data);
      }}
      data-testid="form-recordPropertyCheck"
    >
      <div className="fp-property-block" data-testid="property-automatic">
        <div className="fp-verify-sub">{t('cases.property.automatic')}</div>
        {automatic === null ? (
          <span className="fp-muted fp-small">{t('cases.property.automaticOnSubmit')}</span>
        ) : automatic.length === 0 ? (
          <span className="fp-muted">{t('cases.property.noAutomatic')}</span>
        ) : (
          <span className="fp-tag-list">
            {automatic.map((line) => (
              <Tag key={line} color="red">
                {line}
              </Tag>
            ))}
          </span>
        )}
      </div>
      <div className="fp-property-block" data-testid="property-declared">
        <div className="fp-verify-sub">{t('cases.property.declared')}</div>
        {declared && declared.length > 0 ? (
          <span className="fp-tag-list">
            {declared.map((line) => (
              <Tag key={line} color="orange">
                {line}
              </Tag>
            ))}
          </span>
        ) : (
          <span className="fp-muted">{t('cases.property.nothing')}</span>
        )}
      </div>
      <Section title={t('cases.property.manual')} testId="property-manual">
        <div className="fp-muted fp-small fp-verify-hint">{t('cases.property.manualHint')}</div>
        <AssetFields testPrefix="property" />
      </Section>
      <Form.Item name="notes" label={t('cases.property.notes')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="property-notes" />
      </Form.Item>
      <SubmitButton type="recordPropertyCheck" pending={pending} />
    </Form>
  );
}
