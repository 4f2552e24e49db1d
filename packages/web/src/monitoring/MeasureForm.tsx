import { MEASURE_CATEGORY_NAMES, MEASURE_EXAMPLES, MEASURE_STATUSES, COVERAGE_RULES, isMeasureCategoryName, isRiskTypeCode, type MeasureStatus } from '@fangpin/domain';
import { App, AutoComplete, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useRecordMeasure, type MeasureInput } from './api';
import { useCategoryName } from './MeasuresView';

type Values = { riskType: string; category: string; measure: string; department?: string; amount?: number | null; startOn: string; endOn?: string; status: MeasureStatus; deliveredOn?: string };

/**
 * Record a measure against one of the household's risks. The categories that cover the chosen risk
 * (docs/DOMAIN.md coverage rules) come first; the measure text offers the catalogue's examples.
 */
export function MeasureForm({ householdId, riskTypes, uncovered, onClose }: { householdId: string; riskTypes: string[]; uncovered: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const categoryName = useCategoryName();
  const record = useRecordMeasure(householdId);
  const riskType = Form.useWatch('riskType', form);
  const category = Form.useWatch('category', form);
  const status = Form.useWatch('status', form);
  const matching: readonly string[] = riskType && isRiskTypeCode(riskType) ? (COVERAGE_RULES[riskType] ?? []) : [];
  const categories = [...MEASURE_CATEGORY_NAMES].sort((a, b) => Number(!matching.includes(a)) - Number(!matching.includes(b)));
  const examples = category && isMeasureCategoryName(category) ? (MEASURE_EXAMPLES[category] ?? []) : [];

  const submit = (v: Values) => {
    const input: MeasureInput = { riskType: v.riskType, category: v.category, measure: v.measure.trim(), startOn: v.startOn, status: v.status };
    if (v.department?.trim()) input.department = v.department.trim();
    if (typeof v.amount === 'number') input.amount = v.amount;
    if (v.endOn) input.endOn = v.endOn;
    if (v.status === 'delivered' && v.deliveredOn) input.deliveredOn = v.deliveredOn;
    record.mutate(input, {
      onSuccess: () => {
        void message.success(t('monitoring.measures.form.done'));
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={t('monitoring.measures.form.title')}
      okText={t('monitoring.measures.form.submit')}
      cancelText={t('monitoring.measures.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
      data-testid="measure-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ riskType: uncovered[0] ?? riskTypes[0], startOn: todayInChina(), status: 'planned', deliveredOn: todayInChina() }}>
        <Form.Item name="riskType" label={t('monitoring.measures.riskType')} rules={[{ required: true, message: t('monitoring.measures.form.riskRequired') }]}>
          <Select options={riskTypes.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))} data-testid="measure-risk" />
        </Form.Item>
        <Form.Item name="category" label={t('monitoring.measures.category')} rules={[{ required: true, message: t('monitoring.measures.form.categoryRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={categories.map((c) => ({ value: c, label: matching.includes(c) ? `★ ${categoryName(c)}` : categoryName(c) }))}
            data-testid="measure-category"
          />
        </Form.Item>
        <Form.Item name="measure" label={t('monitoring.measures.measure')} rules={[{ required: true, whitespace: true, message: t('monitoring.measures.form.measureRequired') }]}>
          <AutoComplete options={examples.map((e) => ({ value: e }))} placeholder={t('monitoring.measures.form.measurePlaceholder')} data-testid="measure-text-input" />
        </Form.Item>
        <Form.Item name="department" label={t('monitoring.measures.department')}>
          <Input maxLength={100} data-testid="measure-department" />
        </Form.Item>
        <Form.Item name="amount" label={t('monitoring.measures.amount')}>
          <InputNumber min={0} max={100_000_000} style={{ width: '100%' }} data-testid="measure-amount" />
        </Form.Item>
        <div className="fp-form-row">
          <Form.Item name="startOn" label={t('monitoring.measures.form.startOn')} rules={[{ required: true, message: t('monitoring.measures.form.startRequired') }]}>
            <Input type="date" data-testid="measure-start" />
          </Form.Item>
          <Form.Item
            name="endOn"
            label={t('monitoring.measures.form.endOn')}
            dependencies={['startOn']}
            rules={[({ getFieldValue }) => ({ validator: (_, value?: string) => (!value || value >= String(getFieldValue('startOn')) ? Promise.resolve() : Promise.reject(new Error(t('monitoring.measures.form.endBeforeStart')))) })]}
          >
            <Input type="date" data-testid="measure-end" />
          </Form.Item>
        </div>
        <Form.Item name="status" label={t('monitoring.measures.form.status')}>
          <Select options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`monitoring.measures.statusName.${s}`) }))} data-testid="measure-status-input" />
        </Form.Item>
        {status === 'delivered' ? (
          <Form.Item
            name="deliveredOn"
            label={t('monitoring.measures.form.deliveredOn')}
            extra={t('monitoring.measures.deliverHint')}
            rules={[{ required: true, message: t('monitoring.measures.form.deliveredOnRequired') }]}
          >
            <Input type="date" max={todayInChina()} data-testid="measure-delivered-on" />
          </Form.Item>
        ) : null}
        <ProblemAlert error={record.error} testId="measure-form-error" />
      </Form>
    </Modal>
  );
}
