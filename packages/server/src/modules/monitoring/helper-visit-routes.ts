import { EvidenceFileSchema, HelperVisitParams, HelperVisitRecordedSchema, HelperVisitsSchema, MonitoringHouseholdParams, helperVisitBodySchema } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { readAttachmentUpload } from '../attachments/attachments.ts';
import { attachHelperVisitPhoto, householdForVisits, listHelperVisits, recordHelperVisit } from './record-helper-visit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'Household not found');
  return id;
}

/** Helper visits (帮扶走访) of a monitoring object (issue 13 item 4): list, record, attach photos. */
export function helperVisitRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    app.get(
      '/households/:id/helper-visits',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'The helper visits (帮扶走访) of a monitoring object, newest first, with the last visit, the next due day and whether the actor may record one',
          params: MonitoringHouseholdParams,
          response: { 200: HelperVisitsSchema },
        },
      },
      async (request) => listHelperVisits({ tx: deps.pool, actor: requireActor(request) }, today(), uuidOrNotFound(request.params.id)),
    );

    app.post(
      '/households/:id/helper-visits',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Record a helper visit: `visitedOn` (default today, not after today), what was observed, problems found, and optionally an income update (yearly totals of the 12 months before the visit month) — then the assessment is recomputed with the rule set in force on the visit day and the monitoring record takes the new income. A helping cadre only for households assigned to them (else 404); audited.',
          params: MonitoringHouseholdParams,
          body: helperVisitBodySchema(today),
          response: { 201: HelperVisitRecordedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await withTransaction(deps.pool, (tx) => recordHelperVisit({ tx, actor, today: today(), cipher: deps.cipher }, uuidOrNotFound(request.params.id), request.body));
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/households/:id/helper-visits/:visitId/attachments',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Attach a photo (or PDF scan, ≤ 10 MB; multipart field `file`) to a helper visit',
          params: HelperVisitParams,
          consumes: ['multipart/form-data'],
          response: { 201: EvidenceFileSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const householdId = uuidOrNotFound(request.params.id);
        // Checked before the upload is read: no file is taken in from someone who may not attach it.
        await withTransaction(deps.pool, (tx) => householdForVisits({ tx, actor, today: localDate(deps.now()) }, householdId));
        const file = await readAttachmentUpload(request);
        const view = await withTransaction(deps.pool, (tx) => attachHelperVisitPhoto({ tx, actor, today: localDate(deps.now()) }, householdId, request.params.visitId, file));
        return reply.status(201).send(view);
      },
    );
  };
}
