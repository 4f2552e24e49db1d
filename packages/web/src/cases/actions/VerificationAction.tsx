import { Alert, App, Button, Form, Popconfirm } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../ui/useShowProblem';
import { AttachmentUpload } from '../AttachmentUpload';
import { buildVerificationData, defaultAmountMonth, membersFromHousehold, type VerificationValues } from '../case-model';
import { latestVerificationData, verificationValuesFrom } from '../case-facts';
import { saveCaseDraftOnLeave, useCaseDraft, useDiscardCaseDraft, useSaveCaseDraft } from '../hooks';
import type { CaseDetail } from '../types';
import { clampStep, draftOf, firstStepWithError, LAST_VERIFY_STEP, restoreDraft, VERIFY_STEPS } from '../verification-steps';
import { VerificationFields } from '../VerificationForm';
import { SubmitButton, type ActionProps } from './action-kit';

/** The step indicator: one numbered button per step (any step may be opened), the current one named. */
function StepNav({ step, onGo }: { step: number; onGo: (next: number) => void }) {
  const { t } = useTranslation();
  const current = VERIFY_STEPS[step]!;
  return (
    <div className="fp-verify-steps" data-testid="verify-steps" data-step={current.key}>
      <div className="fp-verify-steps-buttons" role="tablist" aria-label={t('cases.verification.stepsLabel')}>
        {VERIFY_STEPS.map((s, i) => (
          <Button
            key={s.key}
            role="tab"
            aria-selected={i === step}
            aria-label={`${i + 1}. ${t(`cases.verification.steps.${s.key}`)}`}
            title={t(`cases.verification.steps.${s.key}`)}
            type={i === step ? 'primary' : i < step ? 'default' : 'dashed'}
            className="fp-verify-step-button"
            onClick={() => onGo(i)}
            data-testid={`verify-step-${s.key}`}
          >
            {i + 1}
          </Button>
        ))}
      </div>
      <div className="fp-verify-steps-title">
        <span className="fp-muted fp-small">{t('cases.verification.stepOf', { n: step + 1, total: VERIFY_STEPS.length })}</span>
        <strong data-testid="verify-step-title">{t(`cases.verification.steps.${current.key}`)}</strong>
      </div>
    </div>
  );
}

/**
 * 入户核实: the household's members, incomes of the case's income window, spending, assets, 两不愁三保障
 * and the consent form, in steps (verification-steps.ts). What is typed is kept as a draft on the
 * server (docs/personal-data.md "Drafts"): saved on every change of step, with 保存草稿, and when the
 * page goes away; restored when the case is opened again, on this phone or another.
 */
export function VerificationAction({ detail, submit, pending, stepDate }: ActionProps & { detail: CaseDetail; stepDate: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<VerificationValues>();
  const window = detail.incomeWindow;
  const month = defaultAmountMonth(stepDate, window);
  const hasHousehold = Boolean(detail.household);
  // Computed once per case version: a later change of 办理日期 must not wipe what was typed.
  const initial = useMemo<VerificationValues>(() => {
    const previous = latestVerificationData(detail);
    const members = membersFromHousehold(detail.household?.members ?? [], stepDate);
    return verificationValuesFrom(previous, members, month);
  }, [detail]);
  const [step, setStep] = useState(0);
  const [restored, setRestored] = useState<{ name: string; at: string } | null>(null);
  const draft = useCaseDraft(detail.id, hasHousehold);
  const saveDraft = useSaveCaseDraft(detail.id);
  const discardDraft = useDiscardCaseDraft(detail.id);
  // Typed since the last save (only then is a draft written).
  const dirty = useRef(false);
  const applied = useRef(false);
  const stepRef = useRef(step);
  stepRef.current = step;

  // The saved draft, once, when it arrives.
  useEffect(() => {
    const saved = draft.data?.draft;
    if (applied.current || !saved) return;
    applied.current = true;
    form.setFieldsValue(restoreDraft(initial, saved.values));
    setStep(clampStep(saved.formStep));
    setRestored({ name: saved.savedByName, at: saved.savedAt });
  }, [draft.data, form, initial]);

  // Closing the page, switching app or locking the phone keeps what was typed.
  useEffect(() => {
    const onLeave = () => {
      if (!dirty.current) return;
      dirty.current = false;
      saveCaseDraftOnLeave(detail.id, { formStep: stepRef.current, values: draftOf(form.getFieldsValue(true) as VerificationValues) });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onLeave();
    };
    window_.addEventListener('pagehide', onLeave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window_.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [detail.id, form]);

  if (!detail.household) {
    return <Alert type="warning" showIcon className="fp-section" title={t('cases.link.beforeVerification')} data-testid="verify-needs-household" />;
  }
  const hasConsentFile = detail.attachments.some((a) => a.purpose === 'consent');

  const save = async (formStep: number, announce: boolean) => {
    if (!announce && !dirty.current) return;
    dirty.current = false;
    try {
      await saveDraft.mutateAsync({ formStep, values: draftOf(form.getFieldsValue(true) as VerificationValues) });
      if (announce) void message.success({ content: <span data-testid="verify-draft-saved">{t('cases.verification.draftSaved')}</span> });
    } catch (error) {
      dirty.current = true;
      showProblem(error, t('cases.verification.draftSaveFailed'));
    }
  };

  const go = async (next: number, check: boolean) => {
    if (check) {
      try {
        await form.validateFields(VERIFY_STEPS[step]!.fields.map((f) => [f]), { recursive: true });
      } catch {
        void message.warning(t('cases.verification.stepHasErrors'));
        return;
      }
    }
    const target = clampStep(next);
    setStep(target);
    void save(target, false);
    document.querySelector('[data-testid="verify-steps"]')?.scrollIntoView({ block: 'start' });
  };

  const discard = async () => {
    try {
      await discardDraft.mutateAsync();
      dirty.current = false;
      form.resetFields();
      setStep(0);
      setRestored(null);
      void message.success(t('cases.verification.draftDiscarded'));
    } catch (error) {
      showProblem(error);
    }
  };

  // Members carry fields without inputs (id, name, relation): read every stored value, not only the inputs'.
  const onFinish = () => void submit(buildVerificationData(form.getFieldsValue(true), month), undefined);
  const time = restored ? new Date(restored.at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' }) : '';
  return (
    <Form<VerificationValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => {
        const first = firstStepWithError(errorFields);
        if (first !== undefined && first !== step) setStep(first);
      }}
      onValuesChange={() => {
        dirty.current = true;
      }}
      scrollToFirstError
      // The month inputs carry the window as min/max (the phone's picker offers only those months);
      // the row's own message says why, so the browser's bubble must not cover it and block the check.
      noValidate
      data-testid="form-recordVerification"
    >
      <StepNav step={step} onGo={(next) => void go(next, false)} />
      {restored ? (
        <Alert
          type="info"
          showIcon
          className="fp-section"
          title={t('cases.verification.draftRestored', { name: restored.name, time })}
          data-testid="verify-draft-restored"
        />
      ) : null}
      <VerificationFields
        form={form}
        stepDate={stepDate}
        window={window}
        hasConsentFile={hasConsentFile}
        part={step}
        consentSlot={<AttachmentUpload caseId={detail.id} purpose="consent" attachments={detail.attachments} />}
      />
      <div className="fp-verify-nav">
        <Button onClick={() => void go(step - 1, false)} disabled={step === 0} data-testid="verify-prev">
          {t('cases.verification.prev')}
        </Button>
        <Button onClick={() => void save(step, true)} loading={saveDraft.isPending} data-testid="verify-save-draft">
          {t('cases.verification.saveDraft')}
        </Button>
        {step < LAST_VERIFY_STEP ? (
          <Button type="primary" onClick={() => void go(step + 1, true)} data-testid="verify-next">
            {t('cases.verification.next')}
          </Button>
        ) : null}
      </div>
      {step === LAST_VERIFY_STEP ? <SubmitButton type="recordVerification" pending={pending} /> : null}
      {restored ? (
        <Popconfirm title={t('cases.verification.discardDraftConfirm')} onConfirm={() => void discard()} okButtonProps={{ 'data-testid': 'verify-discard-ok' }}>
          <Button type="link" danger className="fp-verify-discard" data-testid="verify-discard-draft">
            {t('cases.verification.discardDraft')}
          </Button>
        </Popconfirm>
      ) : null}
    </Form>
  );
}

/** The browser window (the name `window` is the case's income window above). */
const window_ = globalThis as unknown as Window;
