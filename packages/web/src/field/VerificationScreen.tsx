import { MONITORING_CATEGORY_EN, MONITORING_CATEGORY_ZH, VEHICLE_KIND_EN, VEHICLE_KIND_ZH, type HouseholdAssessment } from '@fangpin/domain';
import { describeAssessmentReason } from '../i18n/server-texts';
import {
  amountTyped,
  fullDraft,
  HEALTH,
  isMonthInWindow,
  LABOUR,
  memberOf,
  monthsOutsideWindow,
  provisionalAssessment,
  RIGID_KINDS,
  VEHICLE_KINDS,
  type AmountDraft,
  type AssetsDraft,
  type FullVerificationDraft,
  type Health,
  type Labour,
  type VerificationDraft,
} from './assessment.ts';
import type { Lang, T } from './i18n.ts';
import type { FieldCase, OutboxItem } from './offline/types.ts';
import { localToday, PhotoInput, ScreenTitle } from './parts.tsx';

/** Replaces row `i` of `rows` with `change` applied. */
const changeRow = <R,>(rows: readonly R[], i: number, change: Partial<R>): R[] => rows.map((r, j) => (j === i ? { ...r, ...change } : r));

/** The amount (number pad) and month of one row, with the row's month flagged when the income window leaves it out. */
function AmountMonth({ t, c, row, onChange, testId }: { t: T; c: FieldCase; row: AmountDraft; onChange: (change: Partial<AmountDraft>) => void; testId: string }) {
  return (
    <>
      <input aria-label={t('amount')} inputMode="decimal" placeholder={t('amount')} value={row.amount} data-testid={testId} onChange={(e) => onChange({ amount: amountTyped(e.target.value) })} />
      <input aria-label={t('month')} type="month" min={c.incomeWindow.fromMonth} max={c.incomeWindow.toMonth} value={row.month} data-testid={`${testId}-month`} onChange={(e) => onChange({ month: e.target.value })} />
      {row.amount.trim() !== '' && !isMonthInWindow(c, row.month) ? <span className="f-error f-wide">{t('monthOutside', { from: c.incomeWindow.fromMonth, to: c.incomeWindow.toMonth })}</span> : null}
    </>
  );
}

/** ＋ a row: a full-width button, easy to reach with the thumb. */
function AddRow({ label, onAdd, testId }: { label: string; onAdd: () => void; testId: string }) {
  return (
    <button type="button" className="f-button small" onClick={onAdd} data-testid={testId}>
      + {label}
    </button>
  );
}

function RemoveRow({ t, onRemove }: { t: T; onRemove: () => void }) {
  return (
    <button type="button" className="f-link" onClick={onRemove}>
      {t('remove')}
    </button>
  );
}

/**
 * 支出: compliant medical out-of-pocket after reimbursement and other rigid spending (education,
 * housing, funeral …), by month, as on the web's home verification; the assessment deducts them.
 */
function SpendingFields({ t, c, d, set }: { t: T; c: FieldCase; d: FullVerificationDraft; set: (change: Partial<VerificationDraft>) => void }) {
  const month = c.incomeWindow.toMonth;
  return (
    <fieldset data-testid="field-spending">
      <legend>{t('spending')}</legend>
      <div className="f-sub">{t('medicalOutOfPocket')}</div>
      {d.medical.map((row, i) => (
        <div className="f-row" key={i}>
          <AmountMonth t={t} c={c} row={row} onChange={(change) => set({ medical: changeRow(d.medical, i, change) })} testId={`field-medical-${i}`} />
          <RemoveRow t={t} onRemove={() => set({ medical: d.medical.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <AddRow label={t('addMedical')} onAdd={() => set({ medical: [...d.medical, { amount: '', month }] })} testId="field-add-medical" />
      <div className="f-sub">{t('rigidOther')}</div>
      {d.rigid.map((row, i) => (
        <div className="f-row" key={i}>
          <select aria-label={t('kind')} value={row.kind} onChange={(e) => set({ rigid: changeRow(d.rigid, i, { kind: e.target.value as typeof row.kind }) })} data-testid={`field-rigid-${i}-kind`}>
            {RIGID_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`rigid_${k}`)}
              </option>
            ))}
          </select>
          <AmountMonth t={t} c={c} row={row} onChange={(change) => set({ rigid: changeRow<FullVerificationDraft['rigid'][number]>(d.rigid, i, change) })} testId={`field-rigid-${i}`} />
          <RemoveRow t={t} onRemove={() => set({ rigid: d.rigid.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <AddRow label={t('addRigid')} onAdd={() => set({ rigid: [...d.rigid, { kind: 'education', amount: '', month }] })} testId="field-add-rigid" />
    </fieldset>
  );
}

/**
 * 家庭资产（农户申报）: what the family declares and the cadre sees — vehicles, business licences,
 * urban housing, hired labour, large-scale farming. The property check (财产检索) by the county
 * adds what the asset sources hold; it is not done here.
 */
function AssetFields({ t, lang, assets, set }: { t: T; lang: Lang; assets: AssetsDraft; set: (change: Partial<VerificationDraft>) => void }) {
  const change = (next: Partial<AssetsDraft>) => set({ assets: { ...assets, ...next } });
  const vehicleName = lang === 'en' ? VEHICLE_KIND_EN : VEHICLE_KIND_ZH;
  return (
    <fieldset data-testid="field-assets">
      <legend>{t('assets')}</legend>
      <p className="f-muted">{t('assetsHint')}</p>
      <div className="f-sub">{t('vehicles')}</div>
      {assets.vehicles.map((v, i) => (
        <div className="f-row" key={i}>
          <select aria-label={t('vehicleKind')} value={v.kind} onChange={(e) => change({ vehicles: changeRow(assets.vehicles, i, { kind: e.target.value as typeof v.kind }) })} data-testid={`field-vehicle-${i}-kind`}>
            {VEHICLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {vehicleName[k]}
              </option>
            ))}
          </select>
          <input aria-label={t('vehicleNote')} placeholder={t('vehicleNote')} maxLength={200} value={v.description} onChange={(e) => change({ vehicles: changeRow(assets.vehicles, i, { description: e.target.value }) })} data-testid={`field-vehicle-${i}-note`} />
          <RemoveRow t={t} onRemove={() => change({ vehicles: assets.vehicles.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <AddRow label={t('addVehicle')} onAdd={() => change({ vehicles: [...assets.vehicles, { kind: 'car', description: '' }] })} testId="field-add-vehicle" />
      <div className="f-sub">{t('licences')}</div>
      {assets.licences.map((b, i) => (
        <div className="f-row" key={i}>
          <input aria-label={t('licenceName')} placeholder={t('licenceName')} maxLength={200} value={b.name} onChange={(e) => change({ licences: changeRow(assets.licences, i, { name: e.target.value }) })} data-testid={`field-licence-${i}`} />
          <RemoveRow t={t} onRemove={() => change({ licences: assets.licences.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <AddRow label={t('addLicence')} onAdd={() => change({ licences: [...assets.licences, { name: '' }] })} testId="field-add-licence" />
      <div className="f-sub">{t('housing')}</div>
      {assets.housing.map((h, i) => (
        <div className="f-row" key={i}>
          <input aria-label={t('housingNote')} placeholder={t('housingNote')} maxLength={200} value={h.description} onChange={(e) => change({ housing: changeRow(assets.housing, i, { description: e.target.value }) })} data-testid={`field-housing-${i}`} />
          <RemoveRow t={t} onRemove={() => change({ housing: assets.housing.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <AddRow label={t('addHousing')} onAdd={() => change({ housing: [...assets.housing, { description: '' }] })} testId="field-add-housing" />
      <label className="f-check">
        <input type="checkbox" checked={assets.hiresLabour} onChange={(e) => change({ hiresLabour: e.target.checked })} data-testid="field-hires-labour" />
        {t('hiresLabour')}
      </label>
      <label className="f-check">
        <input type="checkbox" checked={assets.largeScaleFarming} onChange={(e) => change({ largeScaleFarming: e.target.checked })} data-testid="field-large-farming" />
        {t('largeScaleFarming')}
      </label>
    </fieldset>
  );
}

/** The provisional assessment: income against the line, after rigid spending, the suggestion, red flags and the reasons behind it. */
function Provisional({ t, lang, assessment }: { t: T; lang: Lang; assessment: HouseholdAssessment | null }) {
  if (!assessment)
    return (
      <section className="f-assessment" data-testid="field-assessment">
        <h3>{t('provisional')}</h3>
        <p className="f-muted">{t('assessmentFailed')}</p>
      </section>
    );
  const hasRigid = assessment.reasons.some((r) => r.code === 'rigidSpending');
  const category = assessment.suggestedCategory ? (lang === 'en' ? MONITORING_CATEGORY_EN : MONITORING_CATEGORY_ZH)[assessment.suggestedCategory] : null;
  // What speaks for or against, and the rigid spending and months left out: the context reasons the cadre can act on.
  const shown = assessment.reasons.filter((r) => r.effect !== 'info' || r.code === 'rigidSpending' || r.code === 'recordsOutsideWindow').slice(0, 6);
  return (
    <section className="f-assessment" data-testid="field-assessment">
      <h3>{t('provisional')}</h3>
      <p>
        {t('perCapita')} <strong>{assessment.perCapitaNetIncome}</strong> · {t('line')} {assessment.monitoringLine}
      </p>
      {hasRigid ? (
        <p data-testid="field-after-rigid">
          {t('afterRigid')} <strong>{assessment.perCapitaIncomeAfterRigidSpending}</strong>
        </p>
      ) : null}
      <p className={assessment.isWithinScope ? 'f-warn' : ''} data-testid="field-scope">
        {assessment.isWithinScope ? t('withinScope') : t('outOfScope')}
        {category ? (lang === 'en' ? ` (${category})` : `（${category}）`) : ''}
      </p>
      {assessment.redFlags.length > 0 ? (
        <p className="f-warn" data-testid="field-red-flags">
          {t('redFlags', { n: assessment.redFlags.length })}
        </p>
      ) : null}
      <ul>
        {shown.map((r, i) => (
          <li key={i}>{describeAssessmentReason(r, lang === 'en' ? 'en' : 'zh')}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * 入户核实 on the phone: members as found, the day, the signed consent and its photo, incomes,
 * spending, declared assets, 三保障 and water, notes — the village's part of the web's home
 * verification — with the provisional assessment as the server will compute it; queued in the outbox.
 */
export function VerificationScreen({
  t,
  lang,
  c,
  stepLabel,
  draft,
  pending,
  onDraft,
  onBack,
  onQueue,
}: {
  t: T;
  lang: Lang;
  c: FieldCase;
  /** The case's step in the reader's language. */
  stepLabel: string;
  draft: VerificationDraft | undefined;
  pending: OutboxItem[];
  onDraft: (d: VerificationDraft) => void;
  onBack: () => void;
  onQueue: (d: VerificationDraft) => Promise<void>;
}) {
  const d = fullDraft(c, draft, localToday());
  const set = (change: Partial<VerificationDraft>) => onDraft({ ...d, ...change });
  const assessment = provisionalAssessment(c, d, localToday());
  const outside = monthsOutsideWindow(c, d);
  const ready = (!d.consentSigned || d.photo !== null) && outside.length === 0;
  return (
    <div className="f-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('homeVerification')} · {c.household?.headName}
      </ScreenTitle>
      <p className="f-muted">
        {c.caseNumber} · {stepLabel}
      </p>
      {pending.length > 0 ? <p className="f-notice">{t('queued')}</p> : null}
      {c.household ? (
        <fieldset>
          <legend>{t('membersFound')}</legend>
          {c.household.members.map((m) => {
            const registry = memberOf(m, localToday());
            const found = d.members?.[m.id] ?? { labourCapacity: registry.labourCapacity, health: registry.health === 'severelyDisabled' ? 'disabled' : registry.health };
            const change = (next: Partial<typeof found>) => set({ members: { ...d.members, [m.id]: { ...found, ...next } } });
            return (
              <div className="f-member" key={m.id} data-testid="field-member">
                <strong>{m.name}</strong>
                <span className="f-muted">
                  {m.birthYear} · {m.idMasked}
                </span>
                <div className="f-row">
                  <select aria-label={t('labour')} value={found.labourCapacity} onChange={(e) => change({ labourCapacity: e.target.value as Labour })} data-testid="field-member-labour">
                    {LABOUR.map((k) => (
                      <option key={k} value={k}>
                        {t(`labour_${k}`)}
                      </option>
                    ))}
                  </select>
                  <select aria-label={t('health')} value={found.health} onChange={(e) => change({ health: e.target.value as Health })} data-testid="field-member-health">
                    {HEALTH.map((k) => (
                      <option key={k} value={k}>
                        {t(`health_${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <label>
        {t('occurredOn')}
        <input type="date" value={d.occurredOn} max={localToday()} onChange={(e) => set({ occurredOn: e.target.value })} />
      </label>
      <label className="f-check">
        <input type="checkbox" checked={d.consentSigned} onChange={(e) => set({ consentSigned: e.target.checked })} data-testid="field-consent" />
        {t('consentSigned')}
      </label>
      {d.consentSigned ? <PhotoInput t={t} label={t('consentPhoto')} value={d.photo} onChange={(photo) => set({ photo })} testId="field-consent-photo" /> : null}
      <fieldset>
        <legend>{t('incomes')}</legend>
        {d.incomes.map((row, i) => (
          <div className="f-row" key={i}>
            <select aria-label={t('component')} value={row.component} onChange={(e) => set({ incomes: changeRow(d.incomes, i, { component: e.target.value as typeof row.component }) })}>
              {(['wage', 'operating', 'property', 'transfer'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(k)}
                </option>
              ))}
            </select>
            <input aria-label={t('amount')} inputMode="decimal" placeholder={t('amount')} value={row.amount} data-testid={`field-income-${i}`} onChange={(e) => set({ incomes: changeRow(d.incomes, i, { amount: amountTyped(e.target.value) }) })} />
            <input aria-label={t('month')} type="month" min={c.incomeWindow.fromMonth} max={c.incomeWindow.toMonth} value={row.month} onChange={(e) => set({ incomes: changeRow(d.incomes, i, { month: e.target.value }) })} />
            <RemoveRow t={t} onRemove={() => set({ incomes: d.incomes.filter((_, j) => j !== i) })} />
            {row.amount.trim() !== '' && !isMonthInWindow(c, row.month) ? <span className="f-error f-wide">{t('monthOutside', { from: c.incomeWindow.fromMonth, to: c.incomeWindow.toMonth })}</span> : null}
          </div>
        ))}
        <AddRow label={t('addIncome')} onAdd={() => set({ incomes: [...d.incomes, { component: 'wage', amount: '', month: c.incomeWindow.toMonth }] })} testId="field-add-income" />
      </fieldset>
      <SpendingFields t={t} c={c} d={d} set={set} />
      <AssetFields t={t} lang={lang} assets={d.assets} set={set} />
      <fieldset>
        <legend>{t('problems')}</legend>
        {(['compulsoryEducation', 'basicMedical', 'housingSafety', 'drinkingWater'] as const).map((k) => (
          <label className="f-check" key={k}>
            <input type="checkbox" checked={d.problems[k]} onChange={(e) => set({ problems: { ...d.problems, [k]: e.target.checked } })} data-testid={`field-problem-${k}`} />
            {t(k)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('notes')}
        <textarea rows={3} value={d.notes} onChange={(e) => set({ notes: e.target.value })} data-testid="field-notes" />
      </label>
      <Provisional t={t} lang={lang} assessment={assessment} />
      {outside.length > 0 ? <p className="f-error">{t('monthOutside', { from: c.incomeWindow.fromMonth, to: c.incomeWindow.toMonth })}</p> : null}
      <button type="button" className="f-button primary" disabled={!ready} onClick={() => void onQueue(d)} data-testid="field-queue-verification">
        {t('queue')}
      </button>
    </div>
  );
}
