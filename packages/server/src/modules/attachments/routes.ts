import { isInScope, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { attachmentDisposition, sniffMimeType } from './attachments.ts';

export function attachmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/attachments/:id',
      { schema: { tags: ['cases'], summary: "Download an attachment of a case or visit report in the actor's region", params: z.object({ id: z.string().uuid() }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        const { rows } = await deps.pool.query<{ fileName: string; mimeType: string; content: Buffer; regionCode: string | null }>(
          `SELECT a.file_name AS "fileName", a.mime_type AS "mimeType", a.content,
             coalesce((SELECT region_code FROM cases WHERE id = a.owner_id AND a.owner_kind = 'case'), (SELECT region_code FROM visit_reports WHERE id = a.owner_id AND a.owner_kind = 'visit')) AS "regionCode"
           FROM attachments a WHERE a.id = $1`,
          [request.params.id],
        );
        const a = rows[0];
        if (!a || !a.regionCode || !isInScope(scopeOf(actor), a.regionCode) || actor.role === 'department') throw new AppError('NOT_FOUND', 'Attachment not found / 未找到该附件');
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
