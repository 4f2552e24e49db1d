import { IDENTIFICATION_STEP_ZH, type ApplicationStatus, type IdentificationState, type IdentificationStep } from '@fangpin/domain';
import type { PublicVillageRow } from './repo.ts';

/** What the applicant may know about progress: the stage, never the decision's details. */
export function presentProgress(a: { referenceNo: string; createdAt: Date; step: string | null; state: IdentificationState | null }): ApplicationStatus {
  const step = a.step ?? 'clueRegistered';
  const base = { referenceNo: a.referenceNo, createdAt: a.createdAt.toISOString() };
  if (step === 'clueRegistered') return { ...base, status: 'received', statusZh: '已受理，等待安排入户核实' };
  if (step === 'closed' || step === 'callback') {
    const d = a.state?.decision;
    if (d?.kind === 'approved') return { ...base, status: 'approved', statusZh: '已办结：已纳入防止返贫监测帮扶' };
    if (d) return { ...base, status: 'notEligible', statusZh: '已办结：经核实暂不符合纳入条件，工作人员将电话告知原因' };
    return { ...base, status: 'closed', statusZh: '已办结' };
  }
  if (step === 'withdrawn') return { ...base, status: 'withdrawn', statusZh: '已撤回' };
  return { ...base, status: 'inProgress', statusZh: `办理中（${IDENTIFICATION_STEP_ZH[step as IdentificationStep] ?? step}）` };
}

/** A village as the public form lists it. */
export function presentVillageOption(v: PublicVillageRow): { code: string; name: string; townshipName: string } {
  return { code: v.code, name: v.name, townshipName: v.townshipName ?? '' };
}
