import { FieldActionAppliedSchema, FieldSnapshotSchema, can, fieldActionSchema } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import type { Actor } from '@fangpin/domain';
import { applyFieldAction } from './apply-field-action.ts';
import { fieldSnapshot } from './field-snapshot.ts';

function requireFieldUser(actor: Actor): void {
  if (!can(actor, 'visit.record')) throw new AppError('FORBIDDEN', 'Your role does not use the field app');
}

export function fieldSyncRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    app.get(
      '/field/snapshot',
      {
        schema: {
          tags: ['field'],
          summary:
            "What the field app keeps offline for the actor (外勤离线数据): villages, cases at home verification or village deliberation the actor acts in (in full, with the rule set in force), warnings to verify, risk eliminations waiting for the home check the actor records (风险消除 入户核实: household, proposal, step and version), households with members (ID numbers masked) and option lists; audited",
          response: { 200: FieldSnapshotSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireFieldUser(actor);
        return fieldSnapshot(deps.pool, deps.cipher, actor, today());
      },
    );
    app.post(
      '/field/actions',
      {
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags: ['field'],
          summary:
            'Apply one action of the field app outbox, exactly once. `clientId` (UUID) makes a re-send safe: an applied action answers 200 with its first result and `replayed: true`; the first send answers 201. A case action (and an elimination home check, `eliminationCheck`, applied as `POST /eliminations/:id/events` recordVerification) states the step and version it was made against (`expected`) and the action queued before it on the same case (`after`); if the case moved on, or that action has not arrived, the answer is 409 problem+json with `reason` `caseMovedOn` (with `current`: the case now) or `outOfOrder`, and nothing is applied.',
          body: fieldActionSchema(today),
          response: { 200: FieldActionAppliedSchema, 201: FieldActionAppliedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        requireFieldUser(actor);
        const { result, replayed } = await applyFieldAction({ pool: deps.pool, today: today(), cipher: deps.cipher }, actor, request.body);
        return reply.status(replayed ? 200 : 201).send({ clientId: request.body.clientId, status: 'applied', replayed, result });
      },
    );
  };
}
