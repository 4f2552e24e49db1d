import { MONITORING_CATEGORY_ZH, type Actor, type EliminationMode, type EliminationNotice } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { noticeFrame } from '../cases/case-view.ts';
import { countMembersOfHousehold } from '../cases/view-repo.ts';
import { loadElimination } from './eliminate-risk.ts';
import { findEliminationHousehold } from './elimination-repo.ts';
import { findMonitoringOfHousehold } from './repo.ts';

/** 帮扶消除 / 自然消除, as the notice prints them (docs/DOMAIN.md "Modes"). */
const MODE_ZH: Record<EliminationMode, string> = { assisted: '帮扶消除', natural: '自然消除' };

/**
 * The public notice (公示) of a risk elimination, once its notice has started (else 422 notInNotice):
 * the frame every notice has (period of the rule set's `noticeDays` ≥ 5, objections how-to, the
 * county's supervision number from 县级设置) and only the head's name, household size, monitoring
 * category and mode — never ID numbers, phones, bank accounts, risks or health details
 * (docs/DOMAIN.md "Procedure"). Scoped like the case (404); printing is audited.
 */
export async function eliminationNoticeOf({ tx, actor, today }: { tx: Tx; actor: Actor; today: string }, id: string): Promise<EliminationNotice> {
  const c = await loadElimination(tx, actor, id, today);
  const startOn = c.state.noticeStartedOn;
  if (!startOn) throw AppError.because('WORKFLOW_REFUSED', 'notInNotice');
  await recordAudit(tx, actor, 'elimination.notice.printed', { type: 'case', id: c.id, regionCode: c.regionCode }, { details: { caseNumber: c.caseNumber } });
  const household = await findEliminationHousehold(tx, c.householdId);
  const monitoring = await findMonitoringOfHousehold(tx, c.householdId);
  const frame = await noticeFrame(tx, { regionCode: c.regionCode, villageName: household?.villageName ?? null, townshipName: household?.townshipName ?? null }, startOn);
  const category = monitoring?.category ?? null;
  return {
    caseNumber: c.caseNumber,
    ...frame,
    entries: [
      {
        headName: household?.headName ?? '',
        householdSize: await countMembersOfHousehold(tx, c.householdId),
        categoryZh: category ? MONITORING_CATEGORY_ZH[category] : '防止返贫致贫对象',
        mode: c.state.mode,
        modeZh: MODE_ZH[c.state.mode],
      },
    ],
  };
}
