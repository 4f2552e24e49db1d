import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select, Tag, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultAmountMonth,
  INCOME_COMPONENTS,
  isMonthInWindow,
  LABOUR_CAPACITIES,
  labourCount,
  MEMBER_HEALTH,
  PROBLEM_KEYS,
  RIGID_SPENDING_KINDS,
  SCHOOLING,
  SUDDEN_EVENT_KINDS,
  VEHICLE_KINDS,
  type MonthWindow,
  type VerificationValues,
} from './case-model';

/** The delete button of a row of a form list. */
function RemoveRow({ onRemove }: { onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined />}
      aria-label={t('cases.verification.remove')}
      onClick={onRemove}
      className="fp-verify-remove"
    />
  );
}

/** A choice among a domain list (`values`), each shown as `t(`${labelKey}.${value}`)`. */
/** What is seen of each member at home: the form field, its text key (label, choices, test id) and its choices. */
const MEMBER_CHOICES = [
  ['labourCapacity', 'labour', LABOUR_CAPACITIES],
  ['health', 'health', MEMBER_HEALTH],
  ['schooling', 'schooling', SCHOOLING],
] as const;

function ChoiceItem({
  name,
  label,
  values,
  labelKey,
  testId,
}: {
  name: (string | number)[];
  label: string;
  values: readonly string[];
  labelKey: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} className="fp-verify-kind">
      <Select
        options={values.map((v) => ({ value: v, label: t(`${labelKey}.${v}`) }))}
        data-testid={testId}
        aria-label={label}
      />
    </Form.Item>
  );
}

/** A titled block of the form (fieldset on every screen width). */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="fp-rule-fieldset fp-verify-section" data-testid={testId}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Amount rows with a month (income, costs, out-of-pocket, rigid spending), optionally with a kind
 * select. A month outside the case's income window is flagged on its row and stops the form from
 * being sent: the assessment would not count it (issue 11 item 1).
 */
function AmountRows({
  name,
  kindOptions,
  kindLabel,
  addLabel,
  defaultKind,
  month,
  window,
  testId,
}: {
  name: string;
  kindOptions?: { value: string; label: string }[];
  kindLabel?: string;
  addLabel: string;
  defaultKind?: string;
  month: string;
  window: MonthWindow | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const monthRule = {
    validator: async (_: unknown, value: string | undefined) =>
      isMonthInWindow(value, window)
        ? undefined
        : Promise.reject(
            new Error(t('cases.verification.monthOutside', { from: window?.fromMonth, to: window?.toMonth })),
          ),
  };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="fp-verify-rows" data-testid={testId}>
          {fields.map((field, index) => (
            <div key={field.key} className="fp-verify-row" data-testid={`${testId}-row`}>
              {kindOptions ? (
                <Form.Item
                  name={[field.name, name === 'incomes' ? 'component' : 'kind']}
                  label={kindLabel}
                  className="fp-verify-kind"
                >
                  <Select options={kindOptions} data-testid={`${testId}-${index}-kind`} aria-label={kindLabel} />
                </Form.Item>
              ) : null}
              <Form.Item
                name={[field.name, 'amount']}
                label={t('cases.verification.amount')}
                className="fp-verify-amount"
              >
                <InputNumber<number>
                  min={0}
                  step={100}
                  precision={2}
                  className="fp-full-width"
                  data-testid={`${testId}-${index}-amount`}
                  aria-label={t('cases.verification.amount')}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'month']}
                label={t('cases.verification.month')}
                className="fp-verify-month"
                rules={[monthRule]}
              >
                <Input
                  type="month"
                  min={window?.fromMonth}
                  max={window?.toMonth}
                  data-testid={`${testId}-${index}-month`}
                  aria-label={t('cases.verification.month')}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} label={t('cases.verification.note')} className="fp-verify-note">
                <Input
                  maxLength={200}
                  data-testid={`${testId}-${index}-note`}
                  aria-label={t('cases.verification.note')}
                />
              </Form.Item>
              <RemoveRow onRemove={() => remove(field.name)} />
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              add(defaultKind ? { [name === 'incomes' ? 'component' : 'kind']: defaultKind, month } : { month })
            }
            data-testid={`${testId}-add`}
          >
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Rows of one or two text fields (vehicles, licences, urban housing). */
function SimpleRows({
  name,
  testId,
  addLabel,
  kindOptions,
  kindLabel,
  textField,
  textLabel,
}: {
  name: string;
  testId: string;
  addLabel: string;
  kindOptions?: { value: string; label: string }[];
  kindLabel?: string;
  textField: string;
  textLabel: string;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="fp-verify-rows" data-testid={testId}>
          {fields.map((field, index) => (
            <div key={field.key} className="fp-verify-row" data-testid={`${testId}-row`}>
              {kindOptions ? (
                <Form.Item name={[field.name, 'kind']} label={kindLabel} className="fp-verify-kind">
                  <Select options={kindOptions} data-testid={`${testId}-${index}-kind`} aria-label={kindLabel} />
                </Form.Item>
              ) : null}
              <Form.Item name={[field.name, textField]} label={textLabel} className="fp-verify-note">
                <Input maxLength={200} data-testid={`${testId}-${index}-text`} aria-label={textLabel} />
              </Form.Item>
              <RemoveRow onRemove={() => remove(field.name)} />
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add(kindOptions ? { kind: kindOptions[0]?.value } : {})}
            data-testid={`${testId}-add`}
          >
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Assets as found or declared: vehicles, business licences, urban housing, hired labour, large-scale farming. */
export function AssetFields({ testPrefix }: { testPrefix: string }) {
  const { t } = useTranslation();
  const vehicleOptions = VEHICLE_KINDS.map((k) => ({ value: k, label: t(`cases.vehicle.${k}`) }));
  return (
    <>
      <div className="fp-verify-sub">{t('cases.verification.vehicles')}</div>
      <SimpleRows
        name="vehicles"
        testId={`${testPrefix}-vehicles`}
        addLabel={t('cases.verification.addVehicle')}
        kindOptions={vehicleOptions}
        kindLabel={t('cases.verification.vehicleKind')}
        textField="description"
        textLabel={t('cases.verification.vehicleNote')}
      />
      <div className="fp-verify-sub">{t('cases.verification.licences')}</div>
      <SimpleRows
        name="businessLicences"
        testId={`${testPrefix}-licences`}
        addLabel={t('cases.verification.addLicence')}
        textField="name"
        textLabel={t('cases.verification.licenceName')}
      />
      <div className="fp-verify-sub">{t('cases.verification.housing')}</div>
      <SimpleRows
        name="urbanHousing"
        testId={`${testPrefix}-housing`}
        addLabel={t('cases.verification.addHousing')}
        textField="description"
        textLabel={t('cases.verification.housingNote')}
      />
      <div className="fp-verify-flags">
        <Form.Item name="hiresLabour" valuePropName="checked" noStyle>
          <Checkbox data-testid={`${testPrefix}-hires-labour`}>{t('cases.verification.hiresLabour')}</Checkbox>
        </Form.Item>
        <Form.Item name="largeScaleFarming" valuePropName="checked" noStyle>
          <Checkbox data-testid={`${testPrefix}-large-farming`}>{t('cases.verification.largeScaleFarming')}</Checkbox>
        </Form.Item>
      </div>
    </>
  );
}

/** One step of the stepped form: shown when it is the current one, else hidden but mounted. */
function VerifyPart({
  part,
  index,
  stepKey,
  children,
}: {
  part: number;
  index: number;
  stepKey: string;
  children: ReactNode;
}) {
  return (
    <div className="fp-verify-part" hidden={part !== index} data-testid={`verify-part-${stepKey}`}>
      {children}
    </div>
  );
}

/**
 * The home-verification form (入户核实): members prefilled from the registry, income components by
 * month, costs, compliant medical out-of-pocket, rigid spending, declared assets, 两不愁三保障 and
 * water, sudden events, and the signed consent (uploaded by the caller, ticked here). New rows and
 * dates start from the step's date (办理日期, `stepDate`), months inside the case's income window.
 */
export function VerificationFields({
  form,
  stepDate,
  window,
  consentSlot,
  hasConsentFile,
  part,
}: {
  form: FormInstance<VerificationValues>;
  stepDate: string;
  window: (MonthWindow & { months: number; clueDate: string }) | undefined;
  consentSlot: ReactNode;
  hasConsentFile: boolean;
  /** The step shown (verification-steps.ts); the other steps stay mounted, hidden, so their values and rules remain. */
  part: number;
}) {
  const { t } = useTranslation();
  const month = defaultAmountMonth(stepDate, window);
  const members = Form.useWatch('members', form) ?? [];
  const labourers = labourCount(members.filter(Boolean));

  return (
    <div className="fp-verify" data-testid="verification-form">
      <VerifyPart part={part} index={0} stepKey="members">
        <Section title={t('cases.verification.members')} testId="verify-members">
          <div className="fp-verify-members-head">
            <Tag color={labourers > 0 ? 'blue' : 'default'} data-testid="verify-labourers">
              {t('cases.verification.labourers', { count: labourers })}
            </Tag>
          </div>
          <Form.List name="members">
            {(fields) => (
              <div className="fp-verify-members">
                {fields.map((field, index) => (
                  <div key={field.key} className="fp-verify-member" data-testid="verify-member">
                    <div className="fp-verify-member-name">
                      <span className="fp-member-name" data-testid="verify-member-name">
                        {form.getFieldValue(['members', field.name, 'name']) as string}
                      </span>
                      <span className="fp-muted fp-small">
                        {t(`codes.relation.${String(form.getFieldValue(['members', field.name, 'relation']))}`, {
                          defaultValue: String(form.getFieldValue(['members', field.name, 'relation']) ?? ''),
                        })}
                      </span>
                      {/* The birth year only: the server reads the exact age from the member's ID number. */}
                      {form.getFieldValue(['members', field.name, 'birthYear']) ? (
                        <span className="fp-muted fp-small" data-testid={`verify-member-${index}-birth`}>
                          {t('member.bornIn', {
                            year: form.getFieldValue(['members', field.name, 'birthYear']) as number,
                          })}
                        </span>
                      ) : null}
                    </div>
                    {MEMBER_CHOICES.map(([fieldName, key, values]) => (
                      <ChoiceItem
                        key={key}
                        name={[field.name, fieldName]}
                        label={t(`cases.verification.${key}`)}
                        values={values}
                        labelKey={`cases.${key}`}
                        testId={`verify-member-${index}-${key}`}
                      />
                    ))}
                  </div>
                ))}
              </div>
            )}
          </Form.List>
        </Section>
      </VerifyPart>

      <VerifyPart part={part} index={1} stepKey="income">
        <Section title={t('cases.verification.incomes')} testId="verify-incomes-section">
          {window ? (
            <div
              className="fp-muted fp-small fp-verify-hint"
              data-testid="verify-income-window"
              data-from={window.fromMonth}
              data-to={window.toMonth}
            >
              {t('cases.verification.windowHint', {
                from: window.fromMonth,
                to: window.toMonth,
                months: window.months,
                clueDate: window.clueDate,
              })}
            </div>
          ) : null}
          <AmountRows
            name="incomes"
            kindOptions={INCOME_COMPONENTS.map((c) => ({ value: c, label: t(`cases.components.${c}`) }))}
            kindLabel={t('cases.verification.component')}
            addLabel={t('cases.verification.addIncome')}
            defaultKind="wage"
            month={month}
            window={window}
            testId="verify-incomes"
          />
          <div className="fp-verify-sub">{t('cases.verification.operatingCosts')}</div>
          <AmountRows
            name="operatingCosts"
            addLabel={t('cases.verification.addCost')}
            month={month}
            window={window}
            testId="verify-costs"
          />
        </Section>
      </VerifyPart>

      <VerifyPart part={part} index={2} stepKey="spending">
        <Section title={t('cases.verification.medical')} testId="verify-medical-section">
          <AmountRows
            name="medicalOutOfPocket"
            addLabel={t('cases.verification.addMedical')}
            month={month}
            window={window}
            testId="verify-medical"
          />
          <div className="fp-verify-sub">{t('cases.verification.rigid')}</div>
          <AmountRows
            name="rigidSpending"
            kindOptions={RIGID_SPENDING_KINDS.map((k) => ({ value: k, label: t(`cases.rigidKind.${k}`) }))}
            kindLabel={t('cases.verification.kind')}
            addLabel={t('cases.verification.addRigid')}
            defaultKind="education"
            month={month}
            window={window}
            testId="verify-rigid"
          />
        </Section>
      </VerifyPart>

      <VerifyPart part={part} index={3} stepKey="assets">
        <Section title={t('cases.verification.assets')} testId="verify-assets">
          <AssetFields testPrefix="verify" />
        </Section>

        <Section title={t('cases.verification.sudden')} testId="verify-sudden-section">
          <Form.List name="suddenEvents">
            {(fields, { add, remove }) => (
              <div className="fp-verify-rows" data-testid="verify-sudden">
                {fields.map((field, index) => (
                  <div key={field.key} className="fp-verify-row" data-testid="verify-sudden-row">
                    <ChoiceItem
                      name={[field.name, 'kind']}
                      label={t('cases.verification.suddenKind')}
                      values={SUDDEN_EVENT_KINDS}
                      labelKey="cases.suddenKind"
                      testId={`verify-sudden-${index}-kind`}
                    />
                    <Form.Item
                      name={[field.name, 'date']}
                      label={t('cases.verification.suddenDate')}
                      className="fp-verify-month"
                    >
                      <Input type="date" data-testid={`verify-sudden-${index}-date`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'lossAmount']}
                      label={t('cases.verification.suddenLoss')}
                      className="fp-verify-amount"
                    >
                      <InputNumber<number>
                        min={0}
                        step={1000}
                        precision={2}
                        className="fp-full-width"
                        data-testid={`verify-sudden-${index}-loss`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'note']}
                      label={t('cases.verification.note')}
                      className="fp-verify-note"
                    >
                      <Input maxLength={200} data-testid={`verify-sudden-${index}-note`} />
                    </Form.Item>
                    <RemoveRow onRemove={() => remove(field.name)} />
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'fire', date: stepDate })}
                  data-testid="verify-sudden-add"
                >
                  {t('cases.verification.addSudden')}
                </Button>
              </div>
            )}
          </Form.List>
        </Section>
      </VerifyPart>

      <VerifyPart part={part} index={4} stepKey="problems">
        <Section title={t('cases.verification.problems')} testId="verify-problems">
          <div className="fp-muted fp-small fp-verify-hint">{t('cases.verification.problemsHint')}</div>
          <Form.Item name="problems" noStyle>
            <Checkbox.Group
              className="fp-verify-checks"
              options={PROBLEM_KEYS.map((k) => ({
                value: k,
                label: <span data-testid={`verify-problem-${k}`}>{t(`cases.problem.${k}`)}</span>,
              }))}
            />
          </Form.Item>
        </Section>
      </VerifyPart>

      <VerifyPart part={part} index={5} stepKey="sign">
        <Form.Item name="notes" label={t('cases.verification.notes')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="verify-notes" />
        </Form.Item>

        <Section title={t('cases.verification.consent')} testId="verify-consent">
          {consentSlot}
          <Form.Item
            name="consentSigned"
            valuePropName="checked"
            rules={[
              {
                validator: async (_, value: boolean) =>
                  value ? undefined : Promise.reject(new Error(t('cases.verification.consentRequired'))),
              },
            ]}
            className="fp-verify-consent-tick"
            extra={hasConsentFile ? null : t('cases.verification.consentNeedsFile')}
          >
            <Checkbox disabled={!hasConsentFile} data-testid="verify-consent-signed">
              {t('cases.verification.consentTick')}
            </Checkbox>
          </Form.Item>
        </Section>
      </VerifyPart>
    </div>
  );
}
