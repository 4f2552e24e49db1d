import { can, isInScope, scopeOf, type Actor } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { attachmentDisposition, sniffMimeType } from './attachments.ts';
import { isAssignedHelper } from '../monitoring/show-monitoring-record.ts';

/**
 * Who may read the record an attachment belongs to — the same rule as reading the record itself:
 * a case's scans need `case.read`, a visit report's photos what the visit-report list needs, a
 * measure's evidence what the household's monitoring record needs (a helping cadre: assigned to it).
 * The photos of a visit report that opened a case are also the case's files (the case lists them,
 * issue 11 item 4), so whoever may read cases may read them too.
 */
function mayReadOwner(actor: Actor, ownerKind: string, visitOnCase: boolean): boolean {
  if (ownerKind === 'case') return can(actor, 'case.read');
  if (ownerKind === 'visit') return can(actor, 'visit.record') || can(actor, 'visit.review') || (visitOnCase && can(actor, 'case.read'));
  if (ownerKind === 'measure' || ownerKind === 'helperVisit') return can(actor, 'household.read');
  return false;
}

export function attachmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/attachments/:id',
      {
        schema: {
          tags: ['cases'],
          summary:
            "Download an attachment of a case, visit report or measure: only in the actor's region (else 404) and for a role that may read the case or visit report (else 403); audited",
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { rows } = await deps.pool.query<{
          id: string;
          ownerKind: string;
          ownerId: string;
          fileName: string;
          mimeType: string;
          content: Buffer;
          regionCode: string | null;
          householdId: string | null;
          visitOnCase: boolean;
        }>(
          `SELECT a.id, a.owner_kind AS "ownerKind", a.owner_id AS "ownerId", a.file_name AS "fileName", a.mime_type AS "mimeType", a.content,
             CASE a.owner_kind WHEN 'case' THEN (SELECT region_code FROM cases WHERE id = a.owner_id)
                               WHEN 'visit' THEN (SELECT region_code FROM visit_reports WHERE id = a.owner_id)
                               WHEN 'measure' THEN (SELECT h.region_code FROM household_measures hm JOIN households h ON h.id = hm.household_id WHERE hm.id = a.owner_id)
                               WHEN 'helperVisit' THEN (SELECT h.region_code FROM helper_visits hv JOIN households h ON h.id = hv.household_id WHERE hv.id = a.owner_id) END AS "regionCode",
             CASE a.owner_kind WHEN 'measure' THEN (SELECT household_id FROM household_measures WHERE id = a.owner_id)
                               WHEN 'helperVisit' THEN (SELECT household_id FROM helper_visits WHERE id = a.owner_id) END AS "householdId",
             a.owner_kind = 'visit' AND EXISTS (SELECT 1 FROM visit_reports vr JOIN cases c ON c.clue_id = vr.clue_id WHERE vr.id = a.owner_id) AS "visitOnCase"
           FROM attachments a WHERE a.id = $1`,
          [request.params.id],
        );
        const a = rows[0];
        // Outside the region it is simply not found (ids cannot be probed), nor for a department (which
        // sees no persons); inside, a role that may not read the case or visit report is told so.
        if (!a || !a.regionCode || !isInScope(scopeOf(actor), a.regionCode) || actor.role === 'department')
          throw new AppError('NOT_FOUND', 'Attachment not found / 未找到该附件');
        if (a.householdId && actor.role === 'helping-cadre' && !(await isAssignedHelper(deps.pool, actor, a.householdId)))
          throw new AppError('NOT_FOUND', 'Attachment not found / 未找到该附件');
        if (!mayReadOwner(actor, a.ownerKind, a.visitOnCase)) {
          throw new AppError(
            'FORBIDDEN',
            a.ownerKind === 'case'
              ? 'Your role may not read identification cases / 您的角色无权查看识别认定案件及其附件'
              : a.ownerKind === 'measure' || a.ownerKind === 'helperVisit'
                ? 'Your role may not read households / 您的角色无权查看农户信息'
                : 'Your role may not read visit reports / 您的角色无权查看走访记录及其附件',
          );
        }
        await recordAudit(
          deps.pool,
          actor,
          'attachment.downloaded',
          { type: 'attachment', id: a.id, regionCode: a.regionCode },
          { details: { ownerKind: a.ownerKind, ownerId: a.ownerId } },
        );
        // Always a download (never shown inside our origin), typed by its content as checked at upload
        // (checked again here: a stored type outside the allowed list is served as opaque bytes).
        return reply
          .type(sniffMimeType(a.content) ?? 'application/octet-stream')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', attachmentDisposition(a.fileName))
          .send(a.content);
      },
    );
  };
}
