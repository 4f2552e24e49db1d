import { HELPER_KINDS, type HelperKind } from '@fangpin/domain';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../households/age';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useAssignHelper, useHelperCandidates, type Helper, type HelperInput } from './api';

type Values = { kind: HelperKind; userId?: string; name?: string; unit?: string; phone?: string; assignedOn?: string; reason?: string };

/**
 * Assign a helper (落实帮扶责任人) or, with `replaces`, reassign one: a helping-cadre account of
 * the household's region, or a named person with unit and phone, or the first secretary / work
 * team. The day can be entered late (the real day counts against the deadline).
 */
export function HelperForm({
  householdId,
  dueOn,
  identifiedOn,
  replaces,
  onClose,
}: {
  householdId: string;
  dueOn: string | null;
  identifiedOn: string | null;
  replaces?: Helper;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<HelperKind>('cadre');
  const candidates = useHelperCandidates(householdId, true);
  const assign = useAssignHelper(householdId);
  const today = todayInChina();

  const submit = (values: Values) => {
    const input: HelperInput = { kind: values.kind };
    if (values.kind === 'cadre') input.userId = values.userId;
    else {
      input.name = values.name?.trim();
      if (values.unit?.trim()) input.unit = values.unit.trim();
      if (values.phone?.trim()) input.phone = values.phone.trim();
    }
    if (values.assignedOn) input.assignedOn = values.assignedOn;
    assign.mutate(
      { input, ...(replaces ? { replaces: replaces.id, reason: values.reason?.trim() ?? '' } : {}) },
      {
        onSuccess: (r) => {
          void (r.isLate ? message.warning(t('monitoring.form.doneLate', { date: r.dueOn })) : message.success(t('monitoring.form.done')));
          onClose();
        },
      },
    );
  };
  const noAccounts = candidates.data?.items.length === 0;

  return (
    <Modal
      open
      title={replaces ? t('monitoring.form.reassignTitle', { name: replaces.name }) : t('monitoring.form.title')}
      okText={t('monitoring.form.submit')}
      cancelText={t('monitoring.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      destroyOnHidden
      data-testid="helper-form"
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'cadre', assignedOn: today }} onFinish={submit} requiredMark>
        <Form.Item name="kind" label={t('monitoring.form.kind')}>
          <Radio.Group
            optionType="button"
            onChange={(e) => setKind(e.target.value as HelperKind)}
            options={HELPER_KINDS.map((k) => ({ value: k, label: t(`monitoring.helperKind.${k}`) }))}
            data-testid="helper-kind"
          />
        </Form.Item>
        {kind === 'cadre' ? (
          <>
            {noAccounts ? <Alert type="info" showIcon title={t('monitoring.form.noAccounts')} className="fp-section" /> : null}
            <Form.Item name="userId" label={t('monitoring.form.account')} rules={[{ required: true, message: t('monitoring.form.accountRequired') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={candidates.isPending}
                placeholder={t('monitoring.form.accountPlaceholder')}
                options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: c.regionName ? `${c.displayName}（${c.regionName}）` : c.displayName }))}
                data-testid="helper-account"
              />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="name"
              label={kind === 'workTeam' ? t('monitoring.form.teamName') : t('monitoring.form.name')}
              rules={[{ required: true, whitespace: true, message: t('monitoring.form.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="helper-name" />
            </Form.Item>
            <Form.Item name="unit" label={t('monitoring.form.unit')} rules={kind === 'person' ? [{ required: true, whitespace: true, message: t('monitoring.form.unitRequired') }] : []}>
              <Input maxLength={100} data-testid="helper-unit" />
            </Form.Item>
            <Form.Item name="phone" label={t('monitoring.form.phone')} extra={t('monitoring.form.phoneHint')}>
              <Input maxLength={30} inputMode="tel" data-testid="helper-phone" />
            </Form.Item>
          </>
        )}
        <Form.Item name="assignedOn" label={t('monitoring.form.assignedOn')} extra={dueOn ? t('monitoring.form.assignedOnHint', { date: dueOn }) : undefined}>
          <Input type="date" max={today} min={identifiedOn ?? undefined} data-testid="helper-assigned-on" />
        </Form.Item>
        {replaces ? (
          <Form.Item name="reason" label={t('monitoring.form.reason')} rules={[{ required: true, whitespace: true, message: t('monitoring.form.reasonRequired') }]}>
            <Input maxLength={200} data-testid="helper-reason" />
          </Form.Item>
        ) : null}
        <ProblemAlert error={assign.error} testId="helper-form-error" />
      </Form>
    </Modal>
  );
}
