import { ELIMINATION_STEP_ZH } from '@fangpin/domain';
import { useState } from 'react';
import type { Lang, T } from './i18n.ts';
import type { FieldElimination, OutboxItem } from './offline/types.ts';
import { localToday, PhotoInput, QueueButton, ScreenTitle, type RecordFormProps } from './parts.tsx';

/** The elimination home check as typed on the phone (the web's 完成入户核实 form: income, 三保障/water, notes; a photo as evidence). */
export type EliminationCheckDraft = {
  eliminationId: string;
  checkedOn: string;
  /** Typed as text (the phone's number pad); sent as a number. */
  perCapitaIncome: string;
  basicNeedsSecured: boolean;
  notes: string;
  photo: { fileName: string; contentBase64: string } | null;
};

export function newEliminationCheckDraft(eliminationId: string): EliminationCheckDraft {
  return { eliminationId, checkedOn: localToday(), perCapitaIncome: '', basicNeedsSecured: true, notes: '', photo: null };
}

export function isEliminationCheckReady(d: EliminationCheckDraft, e: Pick<FieldElimination, 'stepEnteredOn'>): boolean {
  return d.perCapitaIncome.trim() !== '' && !Number.isNaN(Number(d.perCapitaIncome)) && !!d.checkedOn && d.checkedOn >= e.stepEnteredOn && d.checkedOn <= localToday();
}

/** What `POST /api/field/actions` receives (kind `eliminationCheck`): the step and version the phone saw, the check, its real day. */
export function eliminationCheckBody(clientId: string, e: Pick<FieldElimination, 'id' | 'step' | 'version'>, d: EliminationCheckDraft, after: string | undefined) {
  return {
    clientId,
    kind: 'eliminationCheck',
    eliminationId: e.id,
    expected: { step: e.step, version: e.version },
    ...(after ? { after } : {}),
    check: { perCapitaIncome: Math.round(Number(d.perCapitaIncome)), basicNeedsSecured: d.basicNeedsSecured, notes: d.notes.trim() },
    occurredOn: d.checkedOn,
    attachments: d.photo ? [{ purpose: 'evidence', ...d.photo }] : [],
  };
}

const STEP_EN: Record<string, string> = { proposed: 'Elimination proposed', homeVerification: 'Home verification' };

/** The elimination's step in the UI's language. */
export function eliminationStepName(step: string, lang: Lang): string | undefined {
  return lang === 'en' ? STEP_EN[step] : (ELIMINATION_STEP_ZH as Record<string, string>)[step];
}

/** 待核实消除 in 待办: the eliminations waiting for the home check, nearest deadline first. */
export function EliminationTodo({ t, lang, eliminations, outbox, onOpen }: { t: T; lang: Lang; eliminations: FieldElimination[] | undefined; outbox: OutboxItem[]; onOpen: (id: string) => void }) {
  if (!eliminations) return null;
  const queued = new Set(outbox.filter((i) => i.kind === 'eliminationCheck' && i.status !== 'sent').map((i) => i.caseId));
  return (
    <>
      <h2>{t('eliminationsToCheck')}</h2>
      {eliminations.length === 0 ? <p className="f-muted">{t('noTodo')}</p> : null}
      {eliminations.map((e) => (
        <button type="button" key={e.id} className="f-card" onClick={() => onOpen(e.id)} data-testid="field-elimination" data-elimination-id={e.id}>
          <strong>
            {e.headName} · {e.villageName}
          </strong>
          <span>
            {eliminationStepName(e.step, lang)} · {e.caseNumber}
          </span>
          {e.stepDueOn ? <span className={e.stepDueOn < localToday() ? 'f-warn' : 'f-muted'}>{t('dueBy', { date: e.stepDueOn })}</span> : null}
          {queued.has(e.id) ? <span className="f-tag waiting">{t('waiting')}</span> : null}
        </button>
      ))}
    </>
  );
}

/**
 * 风险消除 · 入户核实 on the phone: the proposal as the village saw it, then the day of the check (not
 * before the step began, not after today), the per-capita income found, whether 两不愁三保障 and
 * drinking water are secured, what was found, and a photo of the signed record; queued in the outbox
 * and applied as the web's elimination page records it.
 */
export function EliminationCheckScreen({
  t,
  lang,
  elimination,
  draft,
  isQueued,
  onDraft,
  onBack,
  onQueue,
}: RecordFormProps<EliminationCheckDraft> & {
  /** Undefined when the last sync no longer lists it (moved on elsewhere meanwhile). */
  elimination: FieldElimination | undefined;
}) {
  const [tried, setTried] = useState(false);
  const d = draft;
  const set = (change: Partial<EliminationCheckDraft>) => onDraft({ ...d, ...change });
  const e = elimination;
  if (!e)
    return (
      <div className="f-screen" data-testid="field-elimination-screen">
        <ScreenTitle t={t} onBack={onBack}>
          {t('eliminationCheck')}
        </ScreenTitle>
        <p className="f-notice">{t('eliminationGone')}</p>
      </div>
    );
  const income = Number(d.perCapitaIncome);
  const typed = d.perCapitaIncome.trim() !== '' && !Number.isNaN(income);
  const money = (n: number) => n.toLocaleString(lang);
  return (
    <div className="f-screen" data-testid="field-elimination-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('eliminationCheck')} · {e.headName}
      </ScreenTitle>
      <p className="f-muted">
        {e.caseNumber} · {eliminationStepName(e.step, lang)} · {e.householdNumber}
      </p>
      <section className="f-assessment" data-testid="field-elimination-proposal">
        <h3>{t('eliminationProposal')}</h3>
        <p>
          {t(e.mode === 'natural' ? 'modeNatural' : 'modeAssisted')} · {t('perCapita')} {money(e.proposal.perCapitaIncome)} · {t('line')} {money(e.monitoringLine)}
        </p>
        <p>{e.proposal.reason}</p>
        <p className="f-muted">{t('proposedBy', { name: e.proposal.by, date: e.proposal.on })}</p>
      </section>
      {isQueued ? <p className="f-notice">{t('queued')}</p> : null}
      <label>
        {t('checkedOn')}
        <input type="date" value={d.checkedOn} min={e.stepEnteredOn} max={localToday()} onChange={(ev) => set({ checkedOn: ev.target.value })} data-testid="field-elimination-date" />
        {tried && d.checkedOn < e.stepEnteredOn ? <span className="f-error">{t('notBefore', { date: e.stepEnteredOn })}</span> : null}
      </label>
      <label>
        {t('perCapitaFound')}
        <input inputMode="decimal" value={d.perCapitaIncome} onChange={(ev) => set({ perCapitaIncome: ev.target.value.replace(/[^\d.]/g, '') })} data-testid="field-elimination-income" />
        {tried && !typed ? <span className="f-error">{t('required')}</span> : null}
        {typed ? (
          <span className={income > e.monitoringLine ? 'f-ok' : 'f-warn'} data-testid="field-elimination-line">
            {income > e.monitoringLine ? t('aboveLine') : t('notAboveLine')}
          </span>
        ) : null}
      </label>
      <fieldset>
        <legend>{t('basicNeedsSecured')}</legend>
        {([true, false] as const).map((v) => (
          <label className="f-check" key={String(v)}>
            <input type="radio" name="basicNeeds" checked={d.basicNeedsSecured === v} onChange={() => set({ basicNeedsSecured: v })} data-testid={`field-elimination-basic-needs-${v ? 'yes' : 'no'}`} />
            {t(v ? 'yes' : 'no')}
          </label>
        ))}
      </fieldset>
      <label>
        {t('checkFound')}
        <textarea rows={4} value={d.notes} onChange={(ev) => set({ notes: ev.target.value })} data-testid="field-elimination-notes" />
      </label>
      <PhotoInput t={t} label={t('checkPhoto')} value={d.photo} onChange={(photo) => set({ photo })} testId="field-elimination-photo" />
      <QueueButton t={t} ready={isEliminationCheckReady(d, e)} onTried={() => setTried(true)} onQueue={() => void onQueue(d)} testId="field-queue-elimination" />
    </div>
  );
}
