import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AttachmentIdParamsSchema } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { localDate } from '../../clock.ts';
import { requireActor } from '../../http/session.ts';
import { attachmentDisposition, sniffMimeType } from './attachments.ts';
import { downloadAttachment } from './download-attachment.ts';

export function attachmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/attachments/:id',
      {
        schema: {
          tags: ['cases'],
          summary:
            "Download an attachment of a case, visit report or measure: only in the actor's region (else 404) and for a role that may read the case or visit report (else 403); audited",
          params: AttachmentIdParamsSchema,
        },
      },
      async (request, reply) => {
        const a = await downloadAttachment(deps.pool, requireActor(request), request.params.id, localDate(deps.now()));
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
