import { PrinterOutlined, RollbackOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Skeleton, Steps, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AttachmentPurpose, EliminationStep } from '@fangpin/domain';
import { AttachmentList } from '../cases/AttachmentList';
import { AttachmentUpload } from '../cases/AttachmentUpload';
import { riskTypeLabel } from '../department/labels';
import { todayInChina } from '../households/age';
import { ErrorState } from '../ui/ErrorState';
import { PageHeader } from '../ui/PageHeader';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useAdvanceElimination, useElimination, type EliminationDetail, type EliminationEventSend, type EliminationEventType } from './elimination-api';
import { EliminationBlockers, blockersOf } from './EliminationBlockers';
import { RollBackForm } from './EliminationPanel';
import './monitoring.css';
import './elimination.css';
import { operatorName } from '../ui/operator';
import { describeStoredText, textLanguage } from '../i18n/server-texts';

const PATH: EliminationStep[] = ['proposed', 'homeVerification', 'villageDeliberation', 'publicNotice', 'townshipReview', 'countyApproval', 'eliminated'];
const FINAL_OFF_PATH: Partial<Record<EliminationStep, true>> = { rejected: true, withdrawn: true, rolledBack: true };

/**
 * The evidence each step's form takes (as the identification's home check takes the signed consent
 * and its deliberation the minutes): the kind of file and the words of its button. Uploading is
 * offered to who acts at the step, as the server allows (POST /api/cases/:id/attachments).
 */
const UPLOAD_OF: Partial<Record<EliminationEventType, { purpose: AttachmentPurpose; label: 'recordVerification' | 'recordDeliberation' | 'notice' | 'review' }>> = {
  recordVerification: { purpose: 'evidence', label: 'recordVerification' },
  recordDeliberation: { purpose: 'minutes', label: 'recordDeliberation' },
  raiseObjection: { purpose: 'notice', label: 'notice' },
  endNotice: { purpose: 'notice', label: 'notice' },
  townshipApprove: { purpose: 'evidence', label: 'review' },
  townshipReturn: { purpose: 'evidence', label: 'review' },
  countyDecide: { purpose: 'evidence', label: 'review' },
};

type ActionValues = {
  occurredOn: string;
  comment?: string;
  perCapitaIncome?: number;
  basicNeedsSecured?: boolean;
  notes?: string;
  result?: 'recommend' | 'notRecommend';
  attendees?: number;
  minutes?: string;
  note?: string;
  decision?: 'eliminate' | 'reject';
  outcome?: 'stable' | 'tracking';
  reason?: string;
};

/** The event the form sends: the step's `type` with its `data` (the contract's union). */
function eventOf(type: EliminationEventType, v: ActionValues): EliminationEventSend {
  const base = { occurredOn: v.occurredOn, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
  switch (type) {
    case 'recordVerification':
      return { ...base, type, data: { perCapitaIncome: v.perCapitaIncome ?? 0, basicNeedsSecured: v.basicNeedsSecured ?? true, notes: v.notes ?? '' } };
    case 'recordDeliberation':
      return { ...base, type, data: { result: v.result ?? 'recommend', attendees: v.attendees ?? 0, minutes: v.minutes ?? '', ...(v.reason ? { reason: v.reason } : {}) } };
    case 'raiseObjection':
      return { ...base, type, data: { note: v.note ?? '' } };
    case 'townshipReturn':
    case 'withdraw':
      return { ...base, type, data: { reason: v.reason ?? '' } };
    case 'countyDecide':
      return { ...base, type, data: { decision: v.decision ?? 'eliminate', ...(v.decision !== 'reject' ? { outcome: v.outcome } : {}), ...(v.reason ? { reason: v.reason } : {}) } };
    default:
      return { ...base, type };
  }
}

/** The form of the step the user acts in: one action at a time, each with its own fields and the real day. */
function ActionCard({ detail }: { detail: EliminationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [type, setType] = useState<EliminationEventType>(detail.availableEvents[0]!);
  const advance = useAdvanceElimination(detail);
  const today = todayInChina();
  const decision = Form.useWatch('decision', form);
  const result = Form.useWatch('result', form);
  const upload = UPLOAD_OF[type];
  const required = [{ required: true, message: t('elimination.field.required') }];
  const textRequired = [{ required: true, whitespace: true, message: t('elimination.field.required') }];
  const submit = (v: ActionValues) => {
    advance.mutate(
      eventOf(type, v),
      {
        onSuccess: (next) => {
          void message.success(t('elimination.done'));
          form.resetFields();
          if (next.availableEvents[0]) setType(next.availableEvents[0]);
        },
      },
    );
  };
  return (
    <Card size="small" className="fp-section" title={t('elimination.page.act')} data-testid="elimination-action">
      <Form<ActionValues> form={form} layout="vertical" initialValues={{ occurredOn: today, basicNeedsSecured: true, result: 'recommend', decision: 'eliminate', outcome: 'stable' }} onFinish={submit}>
        {detail.availableEvents.length > 1 ? (
          <Form.Item label={t('elimination.page.action')}>
            <Radio.Group
              optionType="button"
              value={type}
              onChange={(e) => setType(e.target.value as EliminationEventType)}
              options={detail.availableEvents.map((e) => ({ value: e, label: t(`elimination.event.${e}`) }))}
              data-testid="elimination-action-type"
            />
          </Form.Item>
        ) : null}
        {type === 'recordVerification' ? (
          <>
            <Form.Item name="perCapitaIncome" label={t('elimination.field.perCapitaIncome')} rules={required}>
              <InputNumber min={0} max={10_000_000} precision={0} className="fp-elimination-full" data-testid="elimination-income" />
            </Form.Item>
            <Form.Item name="basicNeedsSecured" label={t('elimination.field.basicNeedsSecured')}>
              <Radio.Group options={[{ value: true, label: t('elimination.field.yes') }, { value: false, label: t('elimination.field.no') }]} data-testid="elimination-basic-needs" />
            </Form.Item>
            <Form.Item name="notes" label={t('elimination.field.notes')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="elimination-notes" />
            </Form.Item>
          </>
        ) : null}
        {type === 'recordDeliberation' ? (
          <>
            <Form.Item name="result" label={t('elimination.field.result')}>
              <Radio.Group options={[{ value: 'recommend', label: t('elimination.page.recommend') }, { value: 'notRecommend', label: t('elimination.page.notRecommend') }]} data-testid="elimination-result" />
            </Form.Item>
            <Form.Item name="attendees" label={t('elimination.field.attendees')} rules={required}>
              <InputNumber min={1} max={1000} precision={0} className="fp-elimination-full" data-testid="elimination-attendees" />
            </Form.Item>
            <Form.Item name="minutes" label={t('elimination.field.minutes')} rules={textRequired}>
              <Input.TextArea rows={2} maxLength={5000} data-testid="elimination-minutes" />
            </Form.Item>
            {result === 'notRecommend' ? (
              <Form.Item name="reason" label={t('elimination.field.reason')} rules={textRequired}>
                <Input maxLength={500} />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {type === 'raiseObjection' ? (
          <Form.Item name="note" label={t('elimination.field.note')} rules={textRequired}>
            <Input.TextArea rows={2} maxLength={500} data-testid="elimination-objection" />
          </Form.Item>
        ) : null}
        {type === 'townshipReturn' || type === 'withdraw' ? (
          <Form.Item name="reason" label={t('elimination.field.reason')} rules={textRequired}>
            <Input maxLength={500} data-testid="elimination-action-reason" />
          </Form.Item>
        ) : null}
        {type === 'countyDecide' ? (
          <>
            <Form.Item name="decision" label={t('elimination.field.decision')}>
              <Radio.Group optionType="button" options={[{ value: 'eliminate', label: t('elimination.field.eliminate') }, { value: 'reject', label: t('elimination.field.reject') }]} data-testid="elimination-decision" />
            </Form.Item>
            {decision !== 'reject' ? (
              <Form.Item name="outcome" label={t('elimination.field.outcome')}>
                <Radio.Group options={(['stable', 'tracking'] as const).map((o) => ({ value: o, label: t(`elimination.page.outcome.${o}`) }))} data-testid="elimination-outcome" />
              </Form.Item>
            ) : (
              <Form.Item name="reason" label={t('elimination.field.reason')} rules={textRequired}>
                <Input maxLength={500} data-testid="elimination-decision-reason" />
              </Form.Item>
            )}
          </>
        ) : null}
        {upload ? (
          <Form.Item label={t('elimination.page.attachments')}>
            <AttachmentUpload caseId={detail.id} purpose={upload.purpose} attachments={detail.attachments} label={t(`elimination.page.upload.${upload.label}`)} queryKey={['elimination', detail.id]} />
          </Form.Item>
        ) : null}
        <Form.Item name="occurredOn" label={t('elimination.occurredOn')} extra={type === 'endNotice' && detail.noticeEndsOn ? t('elimination.page.noticeEndsOn', { date: detail.noticeEndsOn }) : undefined}>
          <Input type="date" max={today} min={detail.stepEnteredOn} data-testid="elimination-action-date" />
        </Form.Item>
        <ProblemAlert error={advance.error} className="fp-section" testId="elimination-action-error" />
        <EliminationBlockers blockers={blockersOf(advance.error)} testId="elimination-action-blockers" />
        <Button type="primary" htmlType="submit" loading={advance.isPending} data-testid="elimination-action-submit">
          {t(`elimination.event.${type}`)}
        </Button>
      </Form>
    </Card>
  );
}

function FactsCard({ detail }: { detail: EliminationDetail }) {
  const { t } = useTranslation();
  const f = detail.facts;
  const money = (amount: number) => t('elimination.page.income', { amount: amount.toLocaleString('zh-CN') });
  const items = [
    {
      key: 'proposal',
      label: t('elimination.page.proposal'),
      children: (
        <span>
          {t(`elimination.mode.${f.proposal.mode}`)} · {money(f.proposal.perCapitaIncome)}
          {f.proposal.resolvedRiskTypes.length ? <> · {f.proposal.resolvedRiskTypes.map((c) => riskTypeLabel(t, c)).join('、')}</> : null}
          <br />
          {f.proposal.reason}
          <span className="fp-muted"> · {t('elimination.page.by', { name: f.proposal.by, date: f.proposal.on })}</span>
        </span>
      ),
    },
    ...(f.verification
      ? [
          {
            key: 'verification',
            label: t('elimination.page.verification'),
            children: (
              <span data-testid="elimination-verification">
                {money(f.verification.perCapitaIncome)} ·{' '}
                {t('elimination.page.basicNeeds', { value: t(f.verification.basicNeedsSecured ? 'elimination.page.secured' : 'elimination.page.notSecured') })}
                {f.verification.notes ? <> · {f.verification.notes}</> : null}
                <span className="fp-muted"> · {t('elimination.page.by', { name: f.verification.by, date: f.verification.on })}</span>
              </span>
            ),
          },
        ]
      : []),
    ...(f.deliberation
      ? [
          {
            key: 'deliberation',
            label: t('elimination.page.deliberation'),
            children: (
              <span>
                {t(`elimination.page.${f.deliberation.result}`)} · {t('elimination.page.attendees', { count: f.deliberation.attendees })} · {f.deliberation.minutes}
                <span className="fp-muted"> · {f.deliberation.on}</span>
              </span>
            ),
          },
        ]
      : []),
    ...(f.objections?.length
      ? [{ key: 'objections', label: t('elimination.page.objections'), children: <span>{f.objections.map((o) => `${o.note}（${o.by}，${o.on}）`).join('；')}</span> }]
      : []),
    ...(f.decision
      ? [
          {
            key: 'decision',
            label: t('elimination.page.decision'),
            children: (
              <span data-testid="elimination-decision-fact">
                {f.decision.decision === 'eliminate' && f.decision.outcome ? t(`elimination.page.outcome.${f.decision.outcome}`) : t('elimination.page.rejected')}
                {f.decision.reason ? <> · {f.decision.reason}</> : null}
                <span className="fp-muted">
                  {' '}
                  · {t('elimination.page.by', { name: f.decision.by, date: f.decision.on })}
                  {detail.ruleSetVersion ? <> · {t('elimination.page.ruleSet', { version: detail.ruleSetVersion })}</> : null}
                </span>
              </span>
            ),
          },
        ]
      : []),
    ...(f.rollback
      ? [
          {
            key: 'rollback',
            label: t('elimination.page.rollback'),
            children: (
              <span>
                {f.rollback.reason}
                <span className="fp-muted"> · {t('elimination.page.by', { name: f.rollback.by, date: f.rollback.on })}</span>
              </span>
            ),
          },
        ]
      : []),
  ];
  return <Descriptions size="small" column={1} bordered classNames={{ label: 'fp-desc-label' }} items={items} className="fp-section" />;
}

/**
 * An elimination case (风险消除): where it stands in the procedure, what each step found, the
 * timeline with the real day of each step, and the form of the step the user acts in.
 */
export function EliminationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = useElimination(id);
  const [rollBack, setRollBack] = useState(false);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const offPath = FINAL_OFF_PATH[d.step] === true;
  const current = offPath ? PATH.length - 1 : PATH.indexOf(d.step);
  const isFinal = offPath || d.step === 'eliminated';
  return (
    <div className="fp-page fp-elimination-page" data-testid="elimination-page">
      <PageHeader title={t('elimination.page.title', { caseNumber: d.caseNumber })} icon={<SafetyOutlined />}>
        <Tag color={d.step === 'eliminated' ? 'success' : offPath ? 'warning' : 'processing'} data-testid="elimination-step">
          {t(`elimination.steps.${d.step}`)}
        </Tag>
        {d.noticeStartedOn ? (
          <Link to={`/eliminations/${d.id}/notice`} data-testid="elimination-notice-link">
            <Button icon={<PrinterOutlined />}>{t('elimination.page.printNotice')}</Button>
          </Link>
        ) : null}
      </PageHeader>
      <Card size="small" className="fp-section">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          classNames={{ label: 'fp-desc-label' }}
          items={[
            {
              key: 'household',
              label: t('elimination.page.household'),
              children: (
                <Link to={`/households/${d.householdId}`} data-testid="elimination-household">
                  {d.headName} · {d.townshipName}
                  {d.villageName}
                </Link>
              ),
            },
            { key: 'mode', label: t('elimination.modeLabel'), children: t(`elimination.mode.${d.mode}`) },
            ...(d.stepDueOn && !isFinal ? [{ key: 'due', label: t('elimination.page.stepDueOn'), children: d.stepDueOn }] : []),
            ...(d.noticeEndsOn && d.step === 'publicNotice' ? [{ key: 'notice', label: t('elimination.steps.publicNotice'), children: t('elimination.page.noticeEndsOn', { date: d.noticeEndsOn }) }] : []),
          ]}
        />
        <Steps
          size="small"
          className="fp-elimination-steps"
          current={current}
          status={offPath ? 'error' : d.step === 'eliminated' ? 'finish' : 'process'}
          items={PATH.map((s, i) => ({ key: s, title: i === PATH.length - 1 && offPath ? t(`elimination.steps.${d.step}`) : t(`elimination.steps.${s}`) }))}
        />
      </Card>
      <FactsCard detail={d} />
      {d.availableEvents.length > 0 ? <ActionCard key={`${d.step}-${d.version}`} detail={d} /> : <Alert type="info" className="fp-section" title={isFinal ? t('elimination.page.finished') : t('elimination.page.noAction')} />}
      {d.mayRollBack ? (
        <Button danger icon={<RollbackOutlined />} className="fp-section" onClick={() => setRollBack(true)} data-testid="elimination-rollback">
          {t('elimination.rollBack')}
        </Button>
      ) : null}
      <Card size="small" className="fp-section" title={t('elimination.page.attachments')} data-testid="elimination-attachments">
        <AttachmentList attachments={d.attachments} />
      </Card>
      <Card size="small" className="fp-section" title={t('elimination.page.timeline')}>
        <Timeline
          items={d.timeline.map((e) => ({
            key: String(e.seq),
            content: (
              <span data-testid="elimination-timeline-entry">
                <strong>{e.onDate}</strong> {t(`elimination.event.${e.type}`, { defaultValue: e.type === 'propose' ? t('elimination.propose') : e.type === 'rollBack' ? t('elimination.rollBack') : e.type })} →{' '}
                {t(`elimination.steps.${e.toStep}`, { defaultValue: e.toStep })} · {operatorName(t, e)}
                {e.comment ? <span className="fp-muted"> · {describeStoredText(e.comment, textLanguage(i18n.language))}</span> : null}
              </span>
            ),
          }))}
        />
      </Card>
      {rollBack ? <RollBackForm householdId={d.householdId} eliminationId={d.id} eliminatedOn={d.eliminatedOn} onClose={() => setRollBack(false)} /> : null}
    </div>
  );
}
