/**
 * One line per fact of an event's `data`, for the timeline: what the village found at the home
 * check, what the deliberation decided, what the county approved. Unknown events show nothing
 * rather than raw JSON.
 */
import type { TFunction } from 'i18next';

type Data = Record<string, unknown>;

const arr = (v: unknown): Data[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Data[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Yuan with thousands separators, no decimals unless there are fen. */
export function formatYuan(amount: number, language = 'zh-CN'): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(amount);
}

function sum(rows: Data[]): number {
  return rows.reduce((total, r) => total + num(r.amount), 0);
}

function assetLines(t: TFunction, assets: Data | undefined): string[] {
  if (!assets) return [];
  const lines: string[] = [];
  const vehicles = arr(assets.vehicles);
  if (vehicles.length > 0) {
    const list = vehicles.map((v) => t(`cases.vehicle.${str(v.kind)}`, { defaultValue: str(v.kind) })).join('、');
    lines.push(t('cases.summary.vehicles', { list }));
  }
  const licences = arr(assets.businessLicences).length;
  if (licences > 0) lines.push(t('cases.summary.licences', { count: licences }));
  const housing = arr(assets.urbanCommercialHousing).length;
  if (housing > 0) lines.push(t('cases.summary.housing', { count: housing }));
  if (assets.hiresLabour === true) lines.push(t('cases.verification.hiresLabour'));
  if (assets.largeScaleFarming === true) lines.push(t('cases.verification.largeScaleFarming'));
  return lines;
}

/** Short facts of one timeline entry's data, in the reader's language. */
export function summarizeEvent(t: TFunction, type: string, data: Data | null | undefined, language = 'zh-CN'): string[] {
  if (!data) return [];
  const yuan = (n: number) => formatYuan(n, language);
  switch (type) {
    case 'recordVerification': {
      const lines: string[] = [];
      const members = arr(data.members);
      if (members.length > 0) {
        const labour = members.filter((m) => m.labourCapacity === 'full' || m.labourCapacity === 'partial').length;
        lines.push(t('cases.summary.members', { count: members.length, labour }));
      }
      const incomes = arr(data.incomes);
      if (incomes.length > 0) lines.push(t('cases.summary.income', { amount: yuan(sum(incomes)) }));
      const medical = arr(data.compliantOutOfPocket).filter((r) => r.kind === undefined || r.kind === 'medical');
      if (medical.length > 0) lines.push(t('cases.summary.medical', { amount: yuan(sum(medical)) }));
      lines.push(...assetLines(t, data.assets as Data | undefined));
      const problems = data.problems as Data | undefined;
      if (problems) {
        const list = Object.entries(problems)
          .filter(([, v]) => v === true)
          .map(([k]) => t(`cases.problem.${k}`, { defaultValue: k }));
        if (list.length > 0) lines.push(t('cases.summary.problems', { list: list.join('、') }));
      }
      for (const e of arr(data.suddenEvents)) {
        lines.push(
          t('cases.summary.sudden', {
            kind: t(`cases.suddenKind.${str(e.kind)}`, { defaultValue: str(e.kind) }),
            date: str(e.date),
            amount: yuan(num(e.lossAmount)),
          }),
        );
      }
      if (data.consentSigned === true) lines.push(t('cases.summary.consent'));
      if (str(data.notes)) lines.push(str(data.notes));
      return lines;
    }
    case 'recordPropertyCheck': {
      const lines = [
        ...assetLines(t, (data.automaticFindings ?? data.findings) as Data | undefined),
        ...assetLines(t, data.manualFindings as Data | undefined),
      ];
      const unique = [...new Set(lines)];
      const out = unique.length > 0 ? [t('cases.summary.findings', { list: unique.join('；') })] : [];
      if (str(data.notes)) out.push(str(data.notes));
      return out;
    }
    case 'recordAssessment': {
      const perCapita = data.perCapitaNetIncome;
      return typeof perCapita === 'number' ? [t('cases.summary.perCapita', { amount: yuan(perCapita) })] : [];
    }
    case 'recordDeliberation': {
      const result = data.result === 'recommend' ? t('cases.deliberation.recommend') : t('cases.deliberation.notRecommend');
      const lines = [
        t('cases.summary.deliberation', { result, attendees: num(data.attendees), heldOn: str(data.heldOn) }),
      ];
      if (str(data.minutes)) lines.push(str(data.minutes));
      if (str(data.reason)) lines.push(t('cases.summary.reason', { reason: str(data.reason) }));
      return lines;
    }
    case 'raiseObjection':
      return str(data.note) ? [t('cases.summary.note', { note: str(data.note) })] : [];
    case 'countyDecide': {
      if (data.decision === 'approved') {
        const category = t(`cases.category.${str(data.category)}`, { defaultValue: str(data.category) });
        const risks = (Array.isArray(data.riskTypes) ? data.riskTypes : [])
          .map((code) => t(`codes.riskType.${str(code)}`, { defaultValue: str(code) }))
          .join('、');
        const lines = [t('cases.summary.decisionApproved', { category, risks })];
        if (str(data.effectiveOn)) lines.push(`${t('cases.decision.effectiveOn')} ${str(data.effectiveOn)}`);
        return lines;
      }
      return [t('cases.summary.decisionRejected', { reason: str(data.reason) })];
    }
    case 'recordCallback':
      return [
        t('cases.summary.callback', {
          result: str(data.result),
          objection: data.objection === true ? t('cases.callback.yes') : t('cases.callback.no'),
        }),
      ];
    case 'linkHousehold': {
      const values = { head: str(data.headName), number: str(data.householdNumber), count: num(data.memberCount) };
      return [data.registered === true ? t('cases.summary.registered', values) : t('cases.summary.linked', values)];
    }
    case 'recordAssistance': {
      const amount = typeof data.amount === 'number' ? `${yuan(data.amount)} ${language === 'en' ? 'yuan' : '元'}` : '';
      return [t('cases.summary.assistance', { measure: str(data.measure), amount, on: str(data.on) }).trim()];
    }
    default:
      return str(data.reason) ? [t('cases.summary.reason', { reason: str(data.reason) })] : [];
  }
}
