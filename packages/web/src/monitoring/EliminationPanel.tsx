import { CheckCircleOutlined, RollbackOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { mayRollBackElimination, type MonitoringStatus, type RuleSet } from '@fangpin/domain';
import { useRuleSetInForce } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useEliminationCheck, useEliminationsOfHousehold, useProposeElimination, useRollBackElimination } from './elimination-api';
import { EliminationBlockers, blockersOf } from './EliminationBlockers';
import './elimination.css';

/** The county rolls a wrong elimination back, with a reason and the real day. */
export function RollBackForm({ householdId, eliminationId, eliminatedOn, onClose }: { householdId: string; eliminationId?: string; eliminatedOn: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; occurredOn: string }>();
  const rollBack = useRollBackElimination(householdId, eliminationId);
  const today = todayInChina();
  return (
    <Modal
      open
      title={t('elimination.rollBackTitle')}
      okText={t('elimination.submit')}
      cancelText={t('elimination.cancel')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={rollBack.isPending}
      destroyOnHidden
      className="fp-elimination-dialog"
      data-testid="rollback-form"
    >
      <Alert type="warning" showIcon title={t('elimination.rollBackHint')} className="fp-section" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ occurredOn: today }}
        onFinish={(v) =>
          rollBack.mutate(
            { reason: v.reason.trim(), occurredOn: v.occurredOn },
            {
              onSuccess: () => {
                void message.success(t('elimination.rolledBackDone'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="reason" label={t('elimination.rollBackReason')} rules={[{ required: true, whitespace: true, message: t('elimination.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="rollback-reason" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('elimination.occurredOn')}>
          <Input type="date" max={today} min={eliminatedOn ?? undefined} data-testid="rollback-date" />
        </Form.Item>
        <ProblemAlert error={rollBack.error} testId="rollback-error" />
      </Form>
    </Modal>
  );
}

/**
 * The hint of a proposal's mode: for `assisted`, the months under monitoring and the measures
 * delivered that the rule set in force asks (`eliminationMinMonths`, `eliminationMinMeasures`: the
 * figures the server's check reads, domain `eliminationBlockers`), without figures until it is read.
 */
export function modeHint(t: (key: string, options?: Record<string, unknown>) => string, mode: 'assisted' | 'natural', ruleSet: Pick<RuleSet, 'eliminationMinMonths' | 'eliminationMinMeasures'> | undefined): string {
  if (mode === 'natural') return t('elimination.modeHint.natural');
  if (!ruleSet) return t('elimination.modeHint.assistedPending');
  return t('elimination.modeHint.assisted', { months: ruleSet.eliminationMinMonths, measures: ruleSet.eliminationMinMeasures });
}

type ProposalValues = { mode: 'assisted' | 'natural'; resolvedRiskTypes?: string[]; reason: string; occurredOn: string };

function ProposalForm({ householdId, riskTypes, identifiedOn, onClose }: { householdId: string; riskTypes: string[]; identifiedOn: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProposalValues>();
  const [mode, setMode] = useState<'assisted' | 'natural'>('assisted');
  const propose = useProposeElimination(householdId);
  const today = todayInChina();
  // The rule set in force on the proposal's day where the user works: rule sets are set per county
  // and everyone who proposes works in one county, the household's (the server checks with it).
  const me = useSignedInUser();
  const occurredOn = Form.useWatch('occurredOn', form) ?? today;
  const ruleSet = useRuleSetInForce(me.regionCode, occurredOn).data;
  return (
    <Modal
      open
      title={t('elimination.propose')}
      okText={t('elimination.submit')}
      cancelText={t('elimination.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={propose.isPending}
      destroyOnHidden
      className="fp-elimination-dialog"
      data-testid="elimination-proposal-form"
    >
      <Form<ProposalValues>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'assisted', occurredOn: today }}
        onFinish={(v) =>
          propose.mutate(
            { mode: v.mode, reason: v.reason.trim(), occurredOn: v.occurredOn, ...(v.mode === 'natural' ? { resolvedRiskTypes: v.resolvedRiskTypes ?? [] } : {}) },
            {
              onSuccess: (created) => {
                void message.success(t('elimination.proposed'));
                onClose();
                void navigate(`/eliminations/${created.id}`);
              },
            },
          )
        }
      >
        <Form.Item name="mode" label={t('elimination.modeLabel')} extra={<span data-testid="elimination-mode-hint">{modeHint(t, mode, ruleSet)}</span>}>
          <Radio.Group
            optionType="button"
            onChange={(e) => setMode(e.target.value as 'assisted' | 'natural')}
            options={(['assisted', 'natural'] as const).map((m) => ({ value: m, label: t(`elimination.mode.${m}`) }))}
            data-testid="elimination-mode"
          />
        </Form.Item>
        {mode === 'natural' ? (
          <Form.Item name="resolvedRiskTypes" label={t('elimination.resolvedRisks')} rules={[{ required: true, type: 'array', min: 1, message: t('elimination.resolvedRequired') }]}>
            <Checkbox.Group options={riskTypes.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))} data-testid="elimination-resolved" />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('elimination.reason')} rules={[{ required: true, whitespace: true, message: t('elimination.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="elimination-reason" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('elimination.occurredOn')}>
          <Input type="date" max={today} min={identifiedOn ?? undefined} data-testid="elimination-date" />
        </Form.Item>
        <ProblemAlert error={propose.error} testId="elimination-error" />
        <EliminationBlockers blockers={blockersOf(propose.error)} testId="elimination-error-blockers" />
      </Form>
    </Modal>
  );
}

/**
 * The household page's 风险消除: the system's suggestion (or what still stands against it, in the
 * rule's words), the running and past elimination cases, and the actions the user may take —
 * propose, or (the county) roll a wrong elimination back.
 */
export function EliminationPanel({
  householdId,
  status,
  riskTypes,
  identifiedOn,
  eliminatedOn,
}: {
  householdId: string;
  status: MonitoringStatus;
  riskTypes: string[];
  identifiedOn: string | null;
  eliminatedOn: string | null;
}) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const mayRollBack = mayRollBackElimination(me.role);
  const underMonitoring = status === 'monitoring' || status === 'rolledBack';
  const check = useEliminationCheck(householdId, underMonitoring);
  const cases = useEliminationsOfHousehold(householdId, true);
  const [form, setForm] = useState<'propose' | 'rollBack' | null>(null);
  const c = check.data;
  const items = cases.data?.items ?? [];
  const isEliminated = status === 'eliminatedStable' || status === 'eliminatedTracking';
  return (
    <div className="fp-elimination-panel" data-testid="elimination-panel">
      <div className="fp-page-header fp-monitoring-subhead">
        <strong>{t('elimination.panelTitle')}</strong>
        {underMonitoring && c?.mayPropose ? (
          <Button className="fp-monitoring-assign" type={c.isSuggested ? 'primary' : 'default'} size="small" icon={<SafetyOutlined />} onClick={() => setForm('propose')} data-testid="elimination-propose">
            {t('elimination.propose')}
          </Button>
        ) : null}
        {isEliminated && mayRollBack ? (
          <Button className="fp-monitoring-assign" danger size="small" icon={<RollbackOutlined />} onClick={() => setForm('rollBack')} data-testid="elimination-rollback">
            {t('elimination.rollBack')}
          </Button>
        ) : null}
      </div>
      {underMonitoring && c ? (
        c.openCase ? (
          <Alert type="info" showIcon className="fp-section" title={<Link to={`/eliminations/${c.openCase.id}`}>{t('elimination.running', { caseNumber: c.openCase.caseNumber })}</Link>} data-testid="elimination-running" />
        ) : c.isSuggested ? (
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} className="fp-section" title={t('elimination.suggested')} data-testid="elimination-suggested" />
        ) : (
          <Alert
            type="info"
            className="fp-section"
            title={t('elimination.notSuggested')}
            description={
              <>
                <span className="fp-muted">{t('elimination.blockersHint')}</span>
                <EliminationBlockers blockers={c.blockers} />
              </>
            }
          />
        )
      ) : null}
      {items.length > 0 ? (
        <ul className="fp-helper-list" data-testid="elimination-cases">
          {items.map((e) => (
            <li key={e.id}>
              <Link to={`/eliminations/${e.id}`} className="fp-mono">
                {e.caseNumber}
              </Link>
              <Tag color={e.step === 'eliminated' ? 'success' : e.step === 'rolledBack' || e.step === 'rejected' ? 'warning' : 'processing'}>{t(`elimination.steps.${e.step}`)}</Tag>
              <span>{t(`elimination.mode.${e.mode}`)}</span>
              <span className="fp-muted">{t('elimination.proposedOn', { date: e.proposedOn })}</span>
            </li>
          ))}
        </ul>
      ) : !underMonitoring ? null : (
        <span className="fp-muted">{t('elimination.noCases')}</span>
      )}
      {form === 'propose' ? <ProposalForm householdId={householdId} riskTypes={riskTypes} identifiedOn={identifiedOn} onClose={() => setForm(null)} /> : null}
      {form === 'rollBack' ? (
        <RollBackForm householdId={householdId} {...(items.find((e) => e.step === 'eliminated') ? { eliminationId: items.find((e) => e.step === 'eliminated')!.id } : {})} eliminatedOn={eliminatedOn} onClose={() => setForm(null)} />
      ) : null}
    </div>
  );
}
