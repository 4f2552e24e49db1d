// The identification API's shapes are the contract's (packages/domain/src/contracts/cases.ts):
// types only, so no zod reaches the browser. Changing a response field there fails the typecheck
// of every page here that reads it.
import type { CaseListQuery, CaseNotice } from '@fangpin/domain';

export type {
  Attachment as CaseAttachment,
  AttachmentPurpose,
  CaseClock,
  CaseDecision,
  CaseDetail,
  CaseDraft,
  CaseDraftResult,
  CaseEventBody,
  CaseEventType,
  CaseHousehold,
  CaseList,
  CaseMember,
  CaseNotice,
  CaseSummary,
  CaseTodo,
  TodoGroup,
  CaseWarning,
  EliminationTodo,
  ClueChannel as CaseChannel,
  CaseIncomeWindow as IncomeWindow,
  TimelineEntry,
  WarningTodo,
} from '@fangpin/domain';

/** One household on a public notice. */
export type NoticeEntry = CaseNotice['entries'][number];

/** The list page's query (its URL): the contract's filters, `all` to include closed cases, a page. */
export type CaseQuery = Pick<CaseListQuery, 'step' | 'due' | 'regionCode'> & {
  /** `all` includes closed and withdrawn cases (the server lists open ones by default). */
  status?: 'all';
  page: number;
  pageSize: number;
};
