import {
  Alert,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
} from 'antd';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { usePreviewRuleSetVersion, usePublishRuleSetVersion, useRuleSetInForce } from '../api/hooks';
import type { NewRuleSetVersion, RuleSetChange, RuleSetPublishResult, RuleSetVersionItem } from '../api/types';
import { describeError } from '../ui/problem';
import { ProblemAlert } from '../ui/ProblemAlert';
import { fieldMessage, formatRuleValue, ruleFieldLabel, sortChanges } from './labels';
import {
  changedRules,
  formFieldOf,
  formValuesFrom,
  isIsoDate,
  mergeOverrides,
  nextJanuaryFirst,
  ownVersionInForce,
  type RuleFormValues,
} from './rule-model';

export interface NewVersionDrawerProps {
  open: boolean;
  onClose: () => void;
  /** The region the version is for (the admin's own county). */
  regionCode: string;
  regionName: string;
  today: string;
  /** Stored versions of the region and its ancestors (to carry the region's earlier override forward). */
  versions: RuleSetVersionItem[] | undefined;
  isMobile: boolean;
  onShowDate: (date: string) => void;
  onShowHistory: () => void;
}

type Step = 'edit' | 'preview' | 'done';

const PREFILLED: (keyof RuleFormValues)[] = [
  'amount',
  'lineYear',
  'noticeDays',
  'noticeLevel',
  'identificationDays',
  'identificationUnit',
  'cadreAssignmentWorkingDays',
  'helperReadScope',
  'medicalGeneral',
  'medicalFormerlyPoor',
];

/**
 * Mounted by the page only while open, so every opening starts afresh.
 *
 * 新建版本: edit the most-used rules, preview the diff the server computes, publish. Only the fields
 * changed against the rule set in force on the effective date are submitted, on top of the region's
 * own earlier override (the resolver takes one version per region, so that one must carry it).
 */
export function NewVersionDrawer(props: NewVersionDrawerProps) {
  const { open, onClose, regionCode, regionName, today, versions, isMobile, onShowDate, onShowHistory } = props;
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RuleFormValues>();
  const [step, setStep] = useState<Step>('edit');
  const [pending, setPending] = useState<NewRuleSetVersion | null>(null);
  const [result, setResult] = useState<RuleSetPublishResult | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  // Fields the admin typed in (setFieldsValue marks fields touched too, so antd's flag cannot tell).
  const edited = useRef(new Set<string>());
  const preview = usePreviewRuleSetVersion();
  const publish = usePublishRuleSetVersion();

  const watchedDate = Form.useWatch('effectiveFrom', form) as string | undefined;
  const effectiveFrom = watchedDate && isIsoDate(watchedDate) ? watchedDate : undefined;
  const inForce = useRuleSetInForce(open ? regionCode : undefined, effectiveFrom);
  const ruleSet = inForce.data && inForce.data.resolvedFor === effectiveFrom ? inForce.data : undefined;

  // The line's year follows the effective date when the amount changes and the year was left alone.
  function followLineYear(amount: number | null) {
    if (!ruleSet || !effectiveFrom || edited.current.has('lineYear')) return;
    const line = ruleSet.monitoringLine;
    const year =
      amount === null || amount === line.yuanPerPersonYear
        ? line.year
        : Math.max(Number(effectiveFrom.slice(0, 4)), line.year);
    form.setFieldValue('lineYear', year);
  }

  // Prefill from the rules in force on the effective date, keeping what the admin already typed.
  useEffect(() => {
    if (!ruleSet) return;
    const values = formValuesFrom(ruleSet);
    const untouched = Object.fromEntries(
      PREFILLED.filter((name) => !edited.current.has(name)).map((name) => [name, values[name as keyof typeof values]]),
    );
    form.setFieldsValue(untouched);
    followLineYear(form.getFieldValue('amount') as number | null);
  }, [ruleSet, form]);

  const showError = (error: unknown) => {
    const described = describeError(t, error, i18n.language);
    const field = isApiError(error) ? formFieldOf(error.field) : null;
    if (field) {
      setStep('edit');
      setFormError(null);
      // A schema message for a field (zod's English min/max) is turned into the catalog's text by fieldMessage.
      form.setFields([{ name: field, errors: [fieldMessage(t, described.detail || (isApiError(error) ? error.detail : '') || described.title)] }]);
      form.scrollToField(field);
    } else {
      setFormError(error);
    }
  };

  const onPreview = (values: RuleFormValues) => {
    if (!ruleSet) return;
    setFormError(null);
    const changed = changedRules(ruleSet, values);
    const base = ownVersionInForce(versions ?? [], regionCode, values.effectiveFrom)?.rules ?? {};
    const input: NewRuleSetVersion = {
      regionCode,
      effectiveFrom: values.effectiveFrom,
      rules: mergeOverrides(base, changed),
    };
    const note = values.note?.trim();
    if (note) input.note = note;
    preview.mutate(input, {
      onSuccess: (answer) => {
        setPending(input);
        setResult(answer);
        setStep('preview');
      },
      onError: showError,
    });
  };

  const onPublish = () => {
    if (!pending) return;
    publish.mutate(pending, {
      onSuccess: (answer) => {
        setResult(answer);
        setStep('done');
      },
      onError: showError,
    });
  };

  const onValuesChange = (changed: Partial<RuleFormValues>) => {
    for (const key of Object.keys(changed)) edited.current.add(key);
    if ('amount' in changed) followLineYear(changed.amount ?? null);
  };

  const stepIndex = step === 'edit' ? 0 : step === 'preview' ? 1 : 2;
  const required = (field: string) => ({ required: true, message: t('rules.form.required', { field }) });
  const nextYear = Number(today.slice(0, 4)) + 1;
  const unitOptions = useMemo(
    () => [
      { value: 'calendar', label: t('rules.codes.unit.calendar') },
      { value: 'working', label: t('rules.codes.unit.working') },
    ],
    [t],
  );

  // On a phone: one stacked cell per change, "before → after" under the label.
  const mobileDiffColumns = [
    {
      title: `${t('rules.form.field')} · ${t('rules.form.before')} → ${t('rules.form.after')}`,
      dataIndex: 'path',
      render: (path: string, c: RuleSetChange) => (
        <span className="fp-stacked">
          <span data-testid="rule-diff-label">{ruleFieldLabel(t, path)}</span>
          <span>
            <span className="fp-history-before" data-testid="rule-diff-before">
              {formatRuleValue(t, c.path, c.before, i18n.language)}
            </span>
            <span className="fp-dot">→</span>
            <span className="fp-history-after" data-testid="rule-diff-after">
              {formatRuleValue(t, c.path, c.after, i18n.language)}
            </span>
          </span>
        </span>
      ),
    },
  ];

  const diffColumns = [
    {
      title: t('rules.form.field'),
      dataIndex: 'path',
      width: 190,
      render: (path: string) => (
        <span className="fp-stacked">
          <span data-testid="rule-diff-label">{ruleFieldLabel(t, path)}</span>
          <span className="fp-muted fp-small fp-mono">{path}</span>
        </span>
      ),
    },
    {
      title: t('rules.form.before'),
      dataIndex: 'before',
      render: (v: unknown, c: RuleSetChange) => (
        <span className="fp-history-before" data-testid="rule-diff-before">
          {formatRuleValue(t, c.path, v, i18n.language)}
        </span>
      ),
    },
    {
      title: t('rules.form.after'),
      dataIndex: 'after',
      render: (v: unknown, c: RuleSetChange) => (
        <span className="fp-history-after" data-testid="rule-diff-after">
          {formatRuleValue(t, c.path, v, i18n.language)}
        </span>
      ),
    },
  ];

  const footer =
    step === 'edit' ? (
      <Space wrap className="fp-rule-drawer-footer">
        <Button onClick={onClose}>{t('rules.form.cancel')}</Button>
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={preview.isPending}
          disabled={!ruleSet}
          data-testid="rule-preview"
        >
          {t('rules.form.preview')}
        </Button>
      </Space>
    ) : step === 'preview' ? (
      <Space wrap className="fp-rule-drawer-footer">
        <Button onClick={() => setStep('edit')} data-testid="rule-back">
          {t('rules.form.back')}
        </Button>
        <Popconfirm
          title={t('rules.form.publish')}
          description={<div className="fp-rule-confirm">{t('rules.form.publishConfirm')}</div>}
          onConfirm={onPublish}
          okText={t('rules.form.publish')}
          cancelText={t('rules.form.cancel')}
          okButtonProps={{ 'data-testid': 'rule-publish-confirm' }}
        >
          <Button type="primary" loading={publish.isPending} data-testid="rule-publish">
            {t('rules.form.publish')}
          </Button>
        </Popconfirm>
      </Space>
    ) : (
      <Space wrap className="fp-rule-drawer-footer">
        <Button onClick={onClose}>{t('rules.form.close')}</Button>
      </Space>
    );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('rules.form.title')}
      size={isMobile ? '100%' : 640}
      footer={footer}
      data-testid="rule-version-drawer"
    >
      <Steps
        size="small"
        current={stepIndex}
        responsive={false}
        titlePlacement="vertical"
        className="fp-rule-steps"
        items={[
          { title: t('rules.form.stepEdit') },
          { title: t('rules.form.stepPreview') },
          { title: t('rules.form.stepDone') },
        ]}
      />
      <ProblemAlert error={formError} className="fp-section" testId="rule-form-error" />

      <div hidden={step !== 'edit'}>
        <Alert type="info" className="fp-section" title={t('rules.form.intro', { region: regionName })} />
        <Form<RuleFormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onPreview}
          onValuesChange={onValuesChange}
          initialValues={{ effectiveFrom: nextJanuaryFirst(today) }}
          className="fp-rule-form"
          data-testid="rule-version-form"
        >
          <Form.Item
            name="effectiveFrom"
            label={t('rules.form.effectiveFrom')}
            extra={t('rules.form.effectiveFromHelp')}
            rules={[
              required(t('rules.form.effectiveFrom')),
              {
                validator: async (_, v: string) =>
                  !v || isIsoDate(v) ? undefined : Promise.reject(new Error(t('rules.form.invalidDate'))),
              },
            ]}
          >
            <Input type="date" className="fp-rule-date" data-testid="rule-effective-from" />
          </Form.Item>
          <Spin
            spinning={Boolean(effectiveFrom) && !ruleSet && inForce.isFetching}
            description={t('rules.form.loading')}
          >
            <ProblemAlert error={inForce.error} type="warning" className="fp-section" testId="rule-in-force-error" />
            <fieldset className="fp-rule-fieldset">
              <legend>{t('rules.form.lineGroup')}</legend>
              <div className="fp-rule-form-row">
                <Form.Item name="amount" label={t('rules.form.amount')} rules={[required(t('rules.form.amount'))]}>
                  <InputNumber<number>
                    min={1}
                    step={100}
                    precision={0}
                    suffix={t('rules.perPersonYear')}
                    className="fp-rule-number"
                    data-testid="rule-amount"
                  />
                </Form.Item>
                <Form.Item
                  name="lineYear"
                  label={t('rules.form.lineYear')}
                  rules={[required(t('rules.form.lineYear'))]}
                >
                  <InputNumber<number>
                    min={2021}
                    max={2100}
                    precision={0}
                    className="fp-rule-year"
                    data-testid="rule-line-year"
                  />
                </Form.Item>
              </div>
            </fieldset>
            <fieldset className="fp-rule-fieldset">
              <legend>{t('rules.form.noticeGroup')}</legend>
              <div className="fp-rule-form-row">
                <Form.Item
                  name="noticeDays"
                  label={ruleFieldLabel(t, 'noticeDays')}
                  rules={[required(ruleFieldLabel(t, 'noticeDays'))]}
                >
                  <InputNumber<number>
                    precision={0}
                    suffix={t('rules.codes.unit.calendar')}
                    className="fp-rule-small-number"
                    data-testid="rule-notice-days-input"
                  />
                </Form.Item>
                <Form.Item name="noticeLevel" label={ruleFieldLabel(t, 'noticeLevel')}>
                  <Select
                    className="fp-rule-select"
                    data-testid="rule-notice-level"
                    options={[
                      { value: 'village', label: t('rules.codes.noticeLevel.village') },
                      { value: 'township', label: t('rules.codes.noticeLevel.township') },
                    ]}
                  />
                </Form.Item>
              </div>
            </fieldset>
            <fieldset className="fp-rule-fieldset">
              <legend>{t('rules.form.deadlineGroup')}</legend>
              <div className="fp-rule-form-row">
                <Form.Item
                  name="identificationDays"
                  label={t('rules.form.identificationDays')}
                  rules={[required(t('rules.form.identificationDays'))]}
                >
                  <InputNumber<number>
                    min={0}
                    precision={0}
                    className="fp-rule-small-number"
                    data-testid="rule-identification-days"
                  />
                </Form.Item>
                <Form.Item name="identificationUnit" label={t('rules.form.identificationUnit')}>
                  <Select className="fp-rule-select" options={unitOptions} data-testid="rule-identification-unit" />
                </Form.Item>
                <Form.Item
                  name="cadreAssignmentWorkingDays"
                  label={t('rules.form.cadreDays')}
                  rules={[required(t('rules.form.cadreDays'))]}
                >
                  <InputNumber<number>
                    precision={0}
                    suffix={t('rules.codes.unit.working')}
                    className="fp-rule-small-number"
                    data-testid="rule-cadre-days"
                  />
                </Form.Item>
              </div>
            </fieldset>
            <fieldset className="fp-rule-fieldset">
              <legend>{t('rules.form.helperGroup')}</legend>
              <div className="fp-rule-form-row">
                <Form.Item name="helperReadScope" label={ruleFieldLabel(t, 'helperReadScope')} extra={t('rules.form.helperReadScopeHelp')}>
                  <Select
                    className="fp-rule-select fp-rule-select-wide"
                    data-testid="rule-helper-read-scope"
                    options={[
                      { value: 'assigned', label: t('rules.codes.helperReadScope.assigned') },
                      { value: 'region', label: t('rules.codes.helperReadScope.region') },
                    ]}
                  />
                </Form.Item>
              </div>
            </fieldset>
            <fieldset className="fp-rule-fieldset">
              <legend>{t('rules.form.medicalGroup')}</legend>
              <div className="fp-rule-form-row">
                <Form.Item
                  name="medicalGeneral"
                  label={t('rules.form.medicalGeneral')}
                  rules={[required(t('rules.form.medicalGeneral'))]}
                >
                  <InputNumber<number>
                    precision={0}
                    step={500}
                    suffix={t('rules.yuanUnit')}
                    className="fp-rule-number"
                    data-testid="rule-medical-general"
                  />
                </Form.Item>
                <Form.Item
                  name="medicalFormerlyPoor"
                  label={t('rules.form.medicalFormerlyPoor')}
                  rules={[required(t('rules.form.medicalFormerlyPoor'))]}
                >
                  <InputNumber<number>
                    precision={0}
                    step={500}
                    suffix={t('rules.yuanUnit')}
                    className="fp-rule-number"
                    data-testid="rule-medical-formerly-poor"
                  />
                </Form.Item>
              </div>
            </fieldset>
            <Form.Item name="note" label={t('rules.form.note')}>
              <Input.TextArea
                rows={2}
                maxLength={500}
                showCount
                placeholder={t('rules.form.notePlaceholder', { year: nextYear })}
                data-testid="rule-note"
              />
            </Form.Item>
          </Spin>
        </Form>
      </div>

      {step === 'preview' && result ? (
        <div data-testid="rule-diff">
          <div className="fp-rule-diff-head">
            <span className="fp-muted">{t('rules.form.newVersionName')}</span>
            <Tag color="blue" className="fp-mono" data-testid="rule-diff-version">
              {result.version}
            </Tag>
            <span className="fp-muted">{t('rules.effectiveFrom')}</span>
            <span className="fp-mono">{result.effectiveFrom}</span>
            <span className="fp-muted">{t('rules.form.resolvedVersion')}</span>
            <span className="fp-mono">{result.resolvedVersion}</span>
          </div>
          <div className="fp-rule-diff-title">
            {t('rules.form.changes', { date: result.effectiveFrom, count: result.changes.length })}
          </div>
          <Table<RuleSetChange>
            size="small"
            rowKey="path"
            pagination={false}
            dataSource={sortChanges(result.changes)}
            columns={isMobile ? mobileDiffColumns : diffColumns}
            scroll={isMobile ? undefined : { x: 420 }}
            onRow={() => ({ 'data-testid': 'rule-diff-row' }) as HTMLAttributes<HTMLElement>}
          />
          {pending?.note ? (
            <p className="fp-rule-diff-note">
              <span className="fp-muted">{t('rules.note')}:</span> {pending.note}
            </p>
          ) : null}
        </div>
      ) : null}

      {step === 'done' && result ? (
        <Result
          status="success"
          title={<span data-testid="rule-published">{t('rules.form.published', { version: result.version })}</span>}
          subTitle={t('rules.form.publishedDetail', { date: result.effectiveFrom })}
          extra={[
            <Button
              key="date"
              type="primary"
              onClick={() => {
                onShowDate(result.effectiveFrom);
                onClose();
              }}
              data-testid="rule-show-date"
            >
              {t('rules.form.viewOnDate', { date: result.effectiveFrom })}
            </Button>,
            <Button
              key="history"
              onClick={() => {
                onShowHistory();
                onClose();
              }}
              data-testid="rule-show-history"
            >
              {t('rules.form.viewHistory')}
            </Button>,
          ]}
        />
      ) : null}
    </Drawer>
  );
}
