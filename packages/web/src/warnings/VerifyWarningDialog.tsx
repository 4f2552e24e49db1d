import { CheckCircleFilled, LinkOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WARNING_OUTCOMES, warningNoteRequired, type WarningOutcome } from '@fangpin/domain';
import { useTransitionWarnings } from '../api/hooks';
import { riskTypeLabel } from '../department/labels';
import { useProblemLine } from '../ui/problem';
import { todayInChina } from '../households/age';
import { describeWarning, textLanguage } from '../i18n/server-texts';

/** What the dialog needs of a warning (a queue row or a to-do entry). */
export interface WarningToVerify {
  id: string;
  householdNumber: string;
  headName: string | null;
  villageName: string | null;
  riskType: string;
  message: string;
  signal?: string | null;
  numbers?: Record<string, number>;
  sources?: string[];
  detailWithheld?: boolean;
  /** When the warning was raised (ISO time), if known: the verification cannot be dated before it. */
  createdAt?: string;
}

/**
 * Recording a verification result (核实预警) — not one tap: the village chooses the outcome, writes
 * what it found (required for a confirmed risk and for no risk: domain `warningNoteRequired`), reads
 * what the outcome will do, and confirms. A confirmed risk shows the case it opened, with a link.
 */
export function VerifyWarningDialog({
  warning,
  initialOutcome,
  onClose,
}: {
  warning: WarningToVerify | null;
  /** The outcome whose button was tapped, or null to let the village choose (to-do list). */
  initialOutcome: WarningOutcome | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const problemLine = useProblemLine();
  const transition = useTransitionWarnings();
  const [outcome, setOutcome] = useState<WarningOutcome | null>(initialOutcome);
  const [note, setNote] = useState('');
  // The day the village really verified (results are entered days late): the clue date and the 15-day clock start there.
  const today = todayInChina();
  const [occurredOn, setOccurredOn] = useState(today);
  const [noteMissing, setNoteMissing] = useState(false);
  const [opened, setOpened] = useState<{ caseId: string; caseNumber: string; joined: boolean } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // A new warning (or the same one reopened) starts afresh.
  useEffect(() => {
    setOutcome(initialOutcome);
    setNote('');
    setOccurredOn(todayInChina());
    setNoteMissing(false);
    setOpened(null);
    setFailure(null);
  }, [warning?.id, initialOutcome]);

  if (!warning) return null;

  const submit = async () => {
    if (!outcome) return;
    const trimmed = note.trim();
    if (warningNoteRequired(outcome) && !trimmed) {
      setNoteMissing(true);
      return;
    }
    setFailure(null);
    try {
      const [result] = await transition.mutateAsync({
        ids: [warning.id],
        to: outcome,
        ...(trimmed ? { reason: trimmed } : {}),
        occurredOn,
      });
      if (!result?.ok) {
        setFailure(t(`codes.transitionFailure.${result?.ok === false ? result.reason : 'wrongStatus'}`));
        return;
      }
      if (result.caseId && result.caseNumber) {
        setOpened({ caseId: result.caseId, caseNumber: result.caseNumber, joined: result.joinedCase === true });
        return;
      }
      void message.success(t('warnings.done', { count: 1 }));
      onClose();
    } catch (error) {
      setFailure(problemLine(error));
    }
  };

  const who = [warning.headName, warning.householdNumber, warning.villageName].filter(Boolean).join(' · ');
  const needsNote = outcome !== null && warningNoteRequired(outcome);

  const footer = opened ? (
    <div className="fp-dialog-footer">
      <Button onClick={onClose} data-testid="warning-verify-close">
        {t('warnings.close')}
      </Button>
    </div>
  ) : (
    <div className="fp-dialog-footer fp-dialog-actions">
      <Button onClick={onClose}>{t('warnings.cancel')}</Button>
      <Button
        type="primary"
        danger={outcome === 'riskConfirmed'}
        disabled={outcome === null}
        loading={transition.isPending}
        onClick={() => void submit()}
        data-testid="warning-verify-submit"
      >
        {outcome ? t(`warnings.confirmOutcome.${outcome}`) : t('warnings.confirm')}
      </Button>
    </div>
  );

  return (
    <Modal open title={t('warnings.verifyTitle')} onCancel={onClose} destroyOnHidden footer={null}>
      <div data-testid="warning-verify-dialog">
        {opened ? (
          <div className="fp-wv-done" data-testid="warning-case-opened">
            <CheckCircleFilled className="fp-wv-done-icon" />
            <div className="fp-stacked">
              <strong>{t(opened.joined ? 'warnings.caseJoined' : 'warnings.caseOpened', { caseNumber: opened.caseNumber })}</strong>
              <span className="fp-muted">{t(opened.joined ? 'warnings.caseJoinedHint' : 'warnings.caseOpenedHint')}</span>
              <Link to={`/cases/${opened.caseId}`} onClick={onClose} data-testid="warning-opened-case-link">
                <LinkOutlined /> {t('warnings.openCase')} <span className="fp-mono">{opened.caseNumber}</span>
              </Link>
            </div>
          </div>
        ) : (
          <div className="fp-stacked fp-wv-form">
            <div className="fp-wv-target">
              <strong>{who}</strong>
              <span className="fp-muted">
                {riskTypeLabel(t, warning.riskType)} · {describeWarning(warning, textLanguage(i18n.language))}
              </span>
            </div>
            <span className="fp-wv-label">{t('warnings.outcome')}</span>
            <Radio.Group
              value={outcome}
              onChange={(e) => {
                setOutcome(e.target.value as WarningOutcome);
                setNoteMissing(false);
              }}
              className="fp-wv-outcomes"
              data-testid="warning-verify-outcome"
            >
              {WARNING_OUTCOMES.map((value) => (
                <Radio key={value} value={value} data-testid={`warning-outcome-${value}`}>
                  <span className="fp-stacked">
                    <span>{t(`warnings.${value}`)}</span>
                    <span className="fp-muted fp-small">{t(`warnings.outcomeHint.${value}`)}</span>
                  </span>
                </Radio>
              ))}
            </Radio.Group>
            <label className="fp-stacked">
              <span className="fp-wv-label">{t('warnings.verifiedOn')}</span>
              <Input
                type="date"
                className="fp-wv-date"
                value={occurredOn}
                max={today}
                min={warning.createdAt ? todayInChina(new Date(warning.createdAt)) : undefined}
                onChange={(e) => setOccurredOn(e.target.value || today)}
                data-testid="warning-verified-on"
              />
              <span className="fp-muted fp-small">{t('warnings.verifiedOnHint')}</span>
            </label>
            <label className="fp-stacked">
              <span className="fp-wv-label">
                {t('warnings.noteLabel')}
                {needsNote ? <span className="fp-required-mark"> *</span> : null}
              </span>
              <Input.TextArea
                value={note}
                rows={3}
                maxLength={500}
                showCount
                status={noteMissing ? 'error' : undefined}
                placeholder={t('warnings.notePlaceholder')}
                onChange={(e) => {
                  setNote(e.target.value);
                  if (e.target.value.trim()) setNoteMissing(false);
                }}
                data-testid="warning-reason"
              />
              {noteMissing ? (
                <span className="fp-error-text" data-testid="warning-note-required">
                  {outcome === 'noRisk' ? t('warnings.reasonRequired') : t('warnings.noteRequired')}
                </span>
              ) : null}
            </label>
            {outcome === 'riskConfirmed' ? <span className="fp-muted fp-small">{t('warnings.undoHint')}</span> : null}
            {failure ? <Alert type="error" showIcon title={failure} data-testid="warning-verify-error" /> : null}
          </div>
        )}
        {footer}
      </div>
    </Modal>
  );
}
