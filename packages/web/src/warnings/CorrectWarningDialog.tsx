import { Alert, App, Button, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WARNING_OUTCOMES,
  checkWarningCorrection,
  isWarningStatus,
  type IdentificationStep,
  type WarningCorrection,
} from '@fangpin/domain';
import { useCorrectWarning } from '../api/hooks';
import { useProblemLine } from '../ui/problem';
import { StatusTag } from './StatusTag';

/** What the correction needs of a warning (a queue row, or the warning shown on its case). */
export interface WarningToCorrect {
  id: string;
  status: string;
  statusReason: string | null;
  caseNumber?: string | null;
  caseStep?: string | null;
  /** The case has other live clues: the correction withdraws only this warning's clue (Warning.caseKeepsOtherClues). */
  caseKeepsOtherClues?: boolean | undefined;
}

/**
 * Whether the correction is offered: the county centre's ability, and the domain's rule (a verified
 * warning; the case it opened still at 线索登记, or — when other clues keep that case — not yet
 * decided). The server decides again when it is sent.
 */
export function mayCorrect(canCorrect: boolean, w: WarningToCorrect): boolean {
  if (!canCorrect || !isWarningStatus(w.status)) return false;
  const caseStep = (w.caseStep ?? null) as IdentificationStep | null;
  const verdict = checkWarningCorrection({ status: w.status, to: 'reopen', reason: 'x', caseStep, caseKeepsOtherClues: w.caseKeepsOtherClues === true });
  return verdict.ok;
}

/**
 * 更正核实结果: the county centre undoes a wrong outcome — back to verification, or another outcome —
 * with a reason. When the outcome opened a case still at its first step, the dialog says that case
 * will be withdrawn (the server does it in the same transaction and audits it).
 */
export function CorrectWarningDialog({ warning, onClose }: { warning: WarningToCorrect | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemLine = useProblemLine();
  const correct = useCorrectWarning();
  const [to, setTo] = useState<WarningCorrection>('reopen');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    setTo('reopen');
    setReason('');
    setReasonMissing(false);
    setFailure(null);
  }, [warning?.id]);

  if (!warning) return null;
  const keepsCase = warning.status === 'riskConfirmed' && warning.caseKeepsOtherClues === true && warning.caseNumber;
  const willWithdraw =
    !keepsCase && warning.status === 'riskConfirmed' && warning.caseStep === 'clueRegistered' && warning.caseNumber;

  const submit = async () => {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setFailure(null);
    try {
      const result = await correct.mutateAsync({ id: warning.id, to, reason: reason.trim() });
      void message.success(
        result.withdrawnCase
          ? t('warnings.correctedWithdrawn', { caseNumber: result.withdrawnCase.caseNumber })
          : result.withdrawnClue
            ? t('warnings.correctedClueWithdrawn', { caseNumber: result.withdrawnClue.caseNumber })
            : t('warnings.corrected'),
      );
      onClose();
    } catch (error) {
      setFailure(problemLine(error));
    }
  };

  return (
    <Modal open title={t('warnings.correctTitle')} onCancel={onClose} destroyOnHidden footer={null}>
      <div className="fp-stacked fp-wv-form" data-testid="warning-correct-dialog">
        <span>
          <span className="fp-wv-label">{t('warnings.currentOutcome')}</span> <StatusTag status={warning.status} />
          {warning.statusReason ? <span className="fp-muted"> {warning.statusReason}</span> : null}
        </span>
        <span className="fp-wv-label">{t('warnings.correctTo')}</span>
        <Radio.Group
          value={to}
          onChange={(e) => setTo(e.target.value as WarningCorrection)}
          className="fp-wv-outcomes"
          data-testid="warning-correct-to"
        >
          <Radio value="reopen" data-testid="warning-correct-reopen">
            {t('warnings.correctReopen')}
          </Radio>
          {WARNING_OUTCOMES.filter((o) => o !== warning.status).map((o) => (
            <Radio key={o} value={o} data-testid={`warning-correct-${o}`}>
              {t(`warnings.${o}`)}
            </Radio>
          ))}
        </Radio.Group>
        <label className="fp-stacked">
          <span className="fp-wv-label">
            {t('warnings.correctReason')}
            <span className="fp-required-mark"> *</span>
          </span>
          <Input.TextArea
            value={reason}
            rows={3}
            maxLength={500}
            showCount
            status={reasonMissing ? 'error' : undefined}
            placeholder={t('warnings.correctReasonPlaceholder')}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonMissing(false);
            }}
            data-testid="warning-correct-reason"
          />
          {reasonMissing ? <span className="fp-error-text">{t('warnings.correctReasonRequired')}</span> : null}
        </label>
        {willWithdraw ? (
          <Alert
            type="warning"
            showIcon
            title={t('warnings.correctWithdraws', { caseNumber: warning.caseNumber })}
            data-testid="warning-correct-withdraws"
          />
        ) : null}
        {keepsCase ? (
          <Alert
            type="info"
            showIcon
            title={t('warnings.correctWithdrawsClue', { caseNumber: warning.caseNumber })}
            data-testid="warning-correct-withdraws-clue"
          />
        ) : null}
        {failure ? <Alert type="error" showIcon title={failure} data-testid="warning-correct-error" /> : null}
        <div className="fp-dialog-footer fp-dialog-actions">
          <Button onClick={onClose}>{t('warnings.cancel')}</Button>
          <Button
            type="primary"
            loading={correct.isPending}
            onClick={() => void submit()}
            data-testid="warning-correct-submit"
          >
            {t('warnings.correctSubmit')}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
