// Shapes of the hotline, self-application and visit-report API (docs/design/clues-and-cases-api.md).

/** 处理结果: answered only (仅解答, closed at once) or dispatched for a home check (转交入户核实). */
export type HotlineResult = 'answered' | 'dispatched';

/** 办理状态 of a call: open until answered or until the case's callback closes it. */
export type HotlineStatus = 'open' | 'closed';

/** One row of the call-record table (咨询热线电话记录处理情况表). */
export interface HotlineCall {
  id: string;
  calledAt: string;
  callerName: string;
  callerPhoneMasked: string;
  regionCode: string;
  villageName: string | null;
  townshipName: string | null;
  householdId: string | null;
  householdNumber: string | null;
  content: string;
  policyExplained: string | null;
  result: HotlineResult;
  handlerName: string | null;
  clueId: string | null;
  caseId: string | null;
  /** e.g. SB-2026-0001 (the case's number), when the call reached a case. */
  caseNumber?: string | null;
  caseStep: string | null;
  /** The case's current step in Chinese, e.g. 入户核实. */
  caseStepZh?: string | null;
  /** From the case, e.g. 不符合边缘易致贫户条件. */
  verificationResult: string | null;
  /** YYYY-MM-DD */
  callbackDueOn: string | null;
  /** The server's judgement (China date) that the callback is late. */
  isCallbackOverdue?: boolean;
  callbackAt: string | null;
  callbackNote: string | null;
  objection: boolean | null;
  status: HotlineStatus;
  statusZh?: string;
  remarks: string | null;
}

export interface NewHotlineCall {
  calledAt?: string;
  callerName: string;
  callerPhone: string;
  regionCode: string;
  householdId?: string | null;
  content: string;
  policyExplained?: string;
  result: HotlineResult;
  riskTypes?: string[];
  remarks?: string;
}

export interface HotlineCallCreated {
  call: HotlineCall;
  clueId: string | null;
  caseId: string | null;
  /** The call joined an open clue about the same household (or caller phone and village). */
  linkedToExistingClue: boolean;
}

/** The open case a dispatched call would join (POST /api/hotline-calls/open-case), asked before saving. */
export interface OpenCaseOfCall {
  caseId: string;
  caseNumber: string;
  step: string;
  stepZh: string;
  clueDate: string;
  dueOn: string;
  /** `household`: a case about the chosen household; `caller`: a clue this phone reported in this village. */
  matchedBy: 'household' | 'caller';
}

export interface HotlineQuery {
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD */
  to?: string;
  status?: HotlineStatus;
  page: number;
  pageSize: number;
}

/** A village as a pick-list entry (from the region tree, or the public village list). */
export interface VillageOption {
  code: string;
  name: string;
  townshipName: string;
}
