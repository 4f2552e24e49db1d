import { useState } from 'react';
import type { T } from './i18n.ts';
import type { FieldHousehold, FieldVisitDue } from './offline/types.ts';
import { DayAndObserved, localToday, PhotoInput, QueueButton, ScreenTitle } from './parts.tsx';

/** The yearly income totals a helper visit may update (the web's 帮扶走访 form; contracts/monitoring.ts VisitIncomeUpdate). */
export const VISIT_INCOME_FIELDS = ['wage', 'operating', 'property', 'transfer', 'operatingCosts', 'compliantOutOfPocket'] as const;
type IncomeField = (typeof VISIT_INCOME_FIELDS)[number];

export type HelperVisitDraft = {
  householdId: string;
  visitedOn: string;
  observed: string;
  problems: string;
  /** Typed as text (the phone's number pad); sent as numbers when `withIncome`. */
  withIncome: boolean;
  income: Record<IncomeField, string>;
  photo: { fileName: string; contentBase64: string } | null;
};

export function newHelperVisitDraft(householdId: string): HelperVisitDraft {
  return { householdId, visitedOn: localToday(), observed: '', problems: '', withIncome: false, income: { wage: '', operating: '', property: '', transfer: '', operatingCosts: '', compliantOutOfPocket: '' }, photo: null };
}

/** What `POST /api/field/actions` receives for a helper visit (kind `helperVisit`). */
export function helperVisitBody(clientId: string, d: HelperVisitDraft) {
  const incomeUpdate = d.withIncome ? Object.fromEntries(VISIT_INCOME_FIELDS.map((k) => [k, Number(d.income[k]) || 0])) : null;
  return {
    clientId,
    kind: 'helperVisit',
    householdId: d.householdId,
    visit: { visitedOn: d.visitedOn, observed: d.observed.trim(), ...(d.problems.trim() ? { problems: d.problems.trim() } : {}), ...(incomeUpdate ? { incomeUpdate } : {}) },
    attachments: d.photo ? [{ purpose: 'photo', ...d.photo }] : [],
  };
}

/** The rhythm line of a household I help: due day (overdue in amber), last visit, interval. */
export function VisitDueLine({ t, due, today }: { t: T; due: FieldVisitDue; today: string }) {
  const overdue = !!due.nextVisitDueOn && due.nextVisitDueOn < today;
  return (
    <span>
      {due.nextVisitDueOn ? <span className={overdue ? 'f-warn' : ''}>{t('dueOn', { date: due.nextVisitDueOn })}</span> : null}
      {overdue ? <span className="f-tag conflict"> {t('overdue')}</span> : null}
      <span className="f-muted">
        {' · '}
        {due.lastVisitOn ? t('lastVisit', { date: due.lastVisitOn }) : t('neverVisited')} · {t('everyMonths', { n: due.intervalMonths })}
      </span>
    </span>
  );
}

/** 帮扶走访 on the phone: the day, what was seen, the problems, an optional income update and a photo; queued in the outbox. */
export function HelperVisitScreen({
  t,
  household,
  due,
  draft,
  onDraft,
  onBack,
  onQueue,
}: {
  t: T;
  household: FieldHousehold | undefined;
  due: FieldVisitDue | undefined;
  draft: HelperVisitDraft;
  onDraft: (d: HelperVisitDraft) => void;
  onBack: () => void;
  onQueue: (d: HelperVisitDraft) => Promise<void>;
}) {
  const [tried, setTried] = useState(false);
  const d = draft;
  const set = (change: Partial<HelperVisitDraft>) => onDraft({ ...d, ...change });
  return (
    <div className="f-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('helperVisit')} · {household?.headName}
      </ScreenTitle>
      {due ? (
        <p>
          <VisitDueLine t={t} due={due} today={localToday()} />
        </p>
      ) : null}
      <DayAndObserved t={t} day={d.visitedOn} observed={d.observed} tried={tried} onChange={(c) => set({ ...(c.day !== undefined ? { visitedOn: c.day } : {}), ...(c.observed !== undefined ? { observed: c.observed } : {}) })} testId="field-helper" />
      <label>
        {t('problemsFound')}
        <textarea rows={2} value={d.problems} onChange={(e) => set({ problems: e.target.value })} data-testid="field-helper-problems" />
      </label>
      <label className="f-check">
        <input type="checkbox" checked={d.withIncome} onChange={(e) => set({ withIncome: e.target.checked })} data-testid="field-helper-with-income" />
        {t('updateIncome')}
      </label>
      {d.withIncome ? (
        <fieldset>
          {VISIT_INCOME_FIELDS.map((k) => (
            <label key={k}>
              {t(k)}
              <input inputMode="decimal" value={d.income[k]} onChange={(e) => set({ income: { ...d.income, [k]: e.target.value.replace(/[^\d.]/g, '') } })} data-testid={`field-helper-income-${k}`} />
            </label>
          ))}
        </fieldset>
      ) : null}
      <PhotoInput t={t} label={t('photo')} value={d.photo} onChange={(photo) => set({ photo })} testId="field-helper-photo" />
      <QueueButton t={t} ready={!!d.observed.trim()} onTried={() => setTried(true)} onQueue={() => void onQueue(d)} testId="field-queue-helper-visit" />
    </div>
  );
}
