import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../households/age';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useRecordHelperVisit, type HelperVisitInput, type VisitIncomeUpdate } from './visits-api';

const INCOME_FIELDS = ['wage', 'operating', 'property', 'transfer', 'operatingCosts', 'compliantOutOfPocket'] as const satisfies readonly (keyof VisitIncomeUpdate)[];

type Values = { visitedOn: string; observed: string; problems?: string; hasIncome?: boolean } & Partial<Record<keyof VisitIncomeUpdate, number | null>>;

/**
 * Record a helper visit (帮扶走访): the real day (not after today, not before identification), what
 * the visit found, problems, photos, and — when the helper asked — the household's income of the
 * last 12 months, which the server reassesses with the rules in force on the visit day.
 */
export function HelperVisitForm({ householdId, identifiedOn, onClose }: { householdId: string; identifiedOn: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordHelperVisit(householdId);
  const hasIncome = Form.useWatch('hasIncome', form) === true;
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const today = todayInChina();

  const submit = (v: Values) => {
    const input: HelperVisitInput = { visitedOn: v.visitedOn, observed: v.observed.trim() };
    if (v.problems?.trim()) input.problems = v.problems.trim();
    if (v.hasIncome) input.incomeUpdate = Object.fromEntries(INCOME_FIELDS.map((f) => [f, v[f] ?? 0])) as unknown as VisitIncomeUpdate;
    record.mutate(
      { input, photos: photos.flatMap((p) => (p.originFileObj ? [p.originFileObj] : [])) },
      {
        onSuccess: (created) => {
          void message.success(
            created.assessment
              ? t('monitoring.visits.form.doneAssessed', { income: created.assessment.perCapitaNetIncome.toLocaleString('zh-CN'), version: created.assessment.ruleSetVersion })
              : t('monitoring.visits.form.done'),
          );
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('monitoring.visits.form.title')}
      okText={t('monitoring.visits.form.submit')}
      cancelText={t('monitoring.visits.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'visit-submit' }}
      cancelButtonProps={{ 'data-testid': 'visit-cancel' }}
      destroyOnHidden
      data-testid="helper-visit-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ visitedOn: today, hasIncome: false }}>
        <Form.Item name="visitedOn" label={t('monitoring.visits.form.visitedOn')} extra={t('monitoring.visits.form.visitedOnHint')} rules={[{ required: true }]}>
          <Input type="date" max={today} min={identifiedOn ?? undefined} className="fp-visit-date" data-testid="visit-date" />
        </Form.Item>
        <Form.Item name="observed" label={t('monitoring.visits.form.observed')} rules={[{ required: true, whitespace: true, message: t('monitoring.visits.form.observedRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('monitoring.visits.form.observedPlaceholder')} data-testid="visit-observed" />
        </Form.Item>
        <Form.Item name="problems" label={t('monitoring.visits.form.problems')}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('monitoring.visits.form.problemsPlaceholder')} data-testid="visit-problems" />
        </Form.Item>
        <Form.Item name="hasIncome" valuePropName="checked">
          <Checkbox data-testid="visit-has-income">{t('monitoring.visits.form.hasIncome')}</Checkbox>
        </Form.Item>
        {hasIncome ? (
          <div className="fp-visit-income" data-testid="visit-income">
            <p className="fp-muted fp-small">{t('monitoring.visits.form.incomeHint')}</p>
            <div className="fp-visit-income-grid">
              {INCOME_FIELDS.map((f) => (
                <Form.Item key={f} name={f} label={t(`monitoring.visits.form.${f}`)}>
                  <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid={`visit-income-${f}`} />
                </Form.Item>
              ))}
            </div>
          </div>
        ) : null}
        <Form.Item label={t('monitoring.visits.form.photos')}>
          <Upload
            accept="image/*,application/pdf"
            listType="text"
            multiple
            fileList={photos}
            beforeUpload={() => false}
            onChange={({ fileList }) => setPhotos(fileList)}
            data-testid="visit-photos"
          >
            <Button icon={<CameraOutlined />} className="fp-visit-photo-button">
              {t('monitoring.visits.form.addPhoto')}
            </Button>
          </Upload>
        </Form.Item>
        <ProblemAlert error={record.error} testId="visit-form-error" />
      </Form>
    </Modal>
  );
}
