import { can, entryDateSchema, RISK_TYPE_CODES } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import type { Actor } from '@fangpin/domain';
import { applyFieldAction, FIELD_CASE_EVENTS } from './apply-field-action.ts';
import { fieldSnapshot } from './field-snapshot.ts';

/** A photo resized on the phone is a few hundred KB; base64 adds a third. */
const ATTACHMENT_BASE64_MAX = 14 * 1024 * 1024;

function requireFieldUser(actor: Actor): void {
  if (!can(actor, 'visit.record')) throw new AppError('FORBIDDEN', 'Your role does not use the field app / 您的角色不使用外勤应用');
}

export function fieldSyncRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    const attachment = z.object({ purpose: z.enum(['consent', 'photo', 'minutes']), fileName: z.string().max(200), contentBase64: z.string().min(1).max(ATTACHMENT_BASE64_MAX) });
    app.get(
      '/field/snapshot',
      {
        schema: {
          tags: ['field'],
          summary:
            "What the field app keeps offline for the actor (外勤离线数据): villages, cases at home verification or village deliberation the actor acts in (in full, with the rule set in force), warnings to verify, households with members (ID numbers masked) and option lists; audited",
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
            'Apply one action of the field app outbox, exactly once. `clientId` (UUID) makes a re-send safe: an applied action answers 200 with its first result and `replayed: true`; the first send answers 201. A case action states the step and version it was made against (`expected`) and the action queued before it on the same case (`after`); if the case moved on, or that action has not arrived, the answer is 409 problem+json with `reason` `caseMovedOn` (with `current`: the case now) or `outOfOrder`, and nothing is applied.',
          body: z.discriminatedUnion('kind', [
            z.object({
              clientId: z.string().uuid(),
              kind: z.literal('visitReport'),
              visit: z.object({
                householdId: z.string().uuid().nullable().optional(),
                regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '请选择所在村'),
                visitedOn: entryDateSchema(today, 'notAfterToday'),
                observed: z.string().trim().min(1, '请填写走访所见').max(4000),
                riskTypes: z.array(z.enum(RISK_TYPE_CODES as [string, ...string[]])).max(5).default([]),
              }),
              attachments: z.array(attachment).max(3).optional(),
            }),
            z.object({
              clientId: z.string().uuid(),
              kind: z.literal('caseEvent'),
              caseId: z.string().uuid(),
              expected: z.object({ step: z.string().max(40), version: z.number().int().min(1) }),
              after: z.string().uuid().optional(),
              event: z.object({
                type: z.enum(FIELD_CASE_EVENTS),
                data: z.record(z.string(), z.unknown()).optional(),
                comment: z.string().max(2000).optional(),
                occurredOn: entryDateSchema(today, 'notAfterToday').optional(),
              }),
              attachments: z.array(attachment).max(3).optional(),
            }),
          ]),
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
