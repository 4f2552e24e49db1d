import { FIELD_WARNING_OUTCOMES, warningNoteRequired } from '@fangpin/domain';
import { useState } from 'react';
import { describeWarning } from '../i18n/server-texts';
import type { FieldSnapshot } from './offline/types.ts';
import { localToday, QueueButton, ScreenTitle, type RecordFormProps } from './parts.tsx';

export type WarningOutcome = (typeof FIELD_WARNING_OUTCOMES)[number];
type SnapshotWarning = FieldSnapshot['warnings'][number];

export type WarningDraft = { warningId: string; outcome: WarningOutcome | null; verifiedOn: string; note: string };

export function newWarningDraft(warningId: string): WarningDraft {
  return { warningId, outcome: null, verifiedOn: localToday(), note: '' };
}

/** What `POST /api/field/actions` receives for a warning's verification (kind `warningVerification`). */
export function warningVerificationBody(clientId: string, d: WarningDraft & { outcome: WarningOutcome }) {
  return { clientId, kind: 'warningVerification', warningId: d.warningId, outcome: d.outcome, occurredOn: d.verifiedOn, ...(d.note.trim() ? { reason: d.note.trim() } : {}) };
}

/** Whether the draft can be queued: an outcome, and the note the domain requires for it (风险属实 / 无风险). */
export function isWarningDraftReady(d: WarningDraft): d is WarningDraft & { outcome: WarningOutcome } {
  return d.outcome !== null && !!d.verifiedOn && (!warningNoteRequired(d.outcome) || d.note.trim() !== '');
}

const OUTCOME_KEY = { riskConfirmed: 'outcomeRiskConfirmed', noRisk: 'outcomeNoRisk', alreadyMonitored: 'outcomeAlreadyMonitored' } as const;

/**
 * 预警核实 on the phone: a warning the county sent to the village, verified at the home — the result,
 * the day it really happened (not after today) and what was found; queued in the outbox and applied
 * as the web's 核实 records it.
 */
export function WarningScreen({
  t,
  lang,
  warning,
  draft,
  isQueued,
  onDraft,
  onBack,
  onQueue,
}: RecordFormProps<WarningDraft, WarningDraft & { outcome: WarningOutcome }> & {
  /** Undefined when the last sync no longer lists it (handled elsewhere meanwhile). */
  warning: SnapshotWarning | undefined;
}) {
  const [tried, setTried] = useState(false);
  const d = draft;
  const set = (change: Partial<WarningDraft>) => onDraft({ ...d, ...change });
  const noteMissing = d.outcome !== null && warningNoteRequired(d.outcome) && !d.note.trim();
  if (!warning)
    return (
      <div className="f-screen" data-testid="field-warning-screen">
        <ScreenTitle t={t} onBack={onBack}>
          {t('warningVerification')}
        </ScreenTitle>
        <p className="f-notice">{t('warningGone')}</p>
      </div>
    );
  return (
    <div className="f-screen" data-testid="field-warning-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('warningVerification')} · {warning.headName ?? ''}
      </ScreenTitle>
      <p className="f-muted">{describeWarning(warning, lang === 'en' ? 'en' : 'zh')}</p>
      {isQueued ? <p className="f-notice">{t('queued')}</p> : null}
      <label>
        {t('verifiedOn')}
        <input type="date" value={d.verifiedOn} max={localToday()} onChange={(e) => set({ verifiedOn: e.target.value })} data-testid="field-warning-verified-on" />
      </label>
      <fieldset>
        <legend>{t('verificationResult')}</legend>
        {FIELD_WARNING_OUTCOMES.map((o) => (
          <label className="f-check" key={o}>
            <input type="radio" name="outcome" checked={d.outcome === o} onChange={() => set({ outcome: o })} data-testid={`field-warning-${o}`} />
            {t(OUTCOME_KEY[o])}
          </label>
        ))}
        {tried && d.outcome === null ? <span className="f-error">{t('required')}</span> : null}
      </fieldset>
      {d.outcome === 'riskConfirmed' ? <p className="f-muted">{t('riskConfirmedOpensCase')}</p> : null}
      <label>
        {t('verificationNote')}
        <textarea rows={4} value={d.note} placeholder={t('verificationNoteHint')} onChange={(e) => set({ note: e.target.value })} data-testid="field-warning-note" />
        {tried && noteMissing ? <span className="f-error">{t('required')}</span> : null}
      </label>
      <QueueButton t={t} ready={isWarningDraftReady(d)} onTried={() => setTried(true)} onQueue={() => isWarningDraftReady(d) && void onQueue(d)} testId="field-queue-warning" />
    </div>
  );
}
