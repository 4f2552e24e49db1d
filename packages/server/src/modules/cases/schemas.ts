/**
 * The case contract moved to `@fangpin/domain` (contracts/cases.ts, issue 12); the hotline and
 * visit routes still import these two from here until their area moves them.
 */
export { HotlineCallSchema, VisitReportSchema } from '@fangpin/domain';
