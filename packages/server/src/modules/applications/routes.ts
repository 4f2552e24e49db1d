import {
  ApplicationParamsSchema,
  ApplicationReceiptSchema,
  ApplicationStatusQuerySchema,
  ApplicationStatusSchema,
  isInScope,
  NewApplicationSchema,
  PublicVillageListSchema,
  PublicVillageSchema,
  PublicVillagesQuerySchema,
  scopeOf,
  VillageCodeParamsSchema,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findSupervisionPhone } from '../county-settings/repo.ts';
import { normalizePhone } from '../registry/phone.ts';
import { presentProgress, presentVillageOption } from './present.ts';
import { findApplicationProgress, findCounty, findPublicVillage, findPublicVillages } from './repo.ts';
import { APPLICATIONS_PER_PHONE_PER_DAY, submitSelfApplication } from './submit-application.ts';

/** Per address (villagers on one mobile carrier often share one, so the limit is not tight); the use case limits per phone. */
const APPLICATIONS_PER_ADDRESS = { max: 20, windowMinutes: 10 } as const;

export function applicationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/villages',
      {
        config: { isPublic: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ['public'], summary: 'Villages of a county for the public self-application form (no login)', security: [], querystring: PublicVillagesQuerySchema, response: { 200: PublicVillageListSchema } },
      },
      async (request) => {
        const county = await findCounty(deps.pool, request.query.county);
        if (!county) throw AppError.because('NOT_FOUND', 'countyNotFound');
        return { county, villages: (await findPublicVillages(deps.pool, request.query.county)).map(presentVillageOption) };
      },
    );
    app.get(
      '/public/villages/:code',
      {
        config: { isPublic: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ['public'], summary: 'One village (from the QR code) for the self-application form (no login)', security: [], params: VillageCodeParamsSchema, response: { 200: PublicVillageSchema } },
      },
      async (request) => {
        const v = await findPublicVillage(deps.pool, request.params.code);
        if (!v) throw AppError.because('NOT_FOUND', 'villageNotFound');
        // The county's supervision / hotline number (县级设置), printed on the village's QR poster.
        const supervisionPhone = await findSupervisionPhone(deps.pool, v.code.slice(0, 6));
        return { code: v.code, name: v.name, townshipName: v.townshipName ?? '', countyName: v.countyName ?? '', supervisionPhone };
      },
    );
    app.post(
      '/public/applications',
      {
        config: {
          isPublic: true,
          rateLimit: {
            max: APPLICATIONS_PER_ADDRESS.max,
            timeWindow: APPLICATIONS_PER_ADDRESS.windowMinutes * 60_000,
            errorResponseBuilder: () => AppError.because('RATE_LIMITED', 'applicationsRateLimited', APPLICATIONS_PER_ADDRESS),
          },
        },
        schema: {
          tags: ['public'],
          summary: `Self-application (自主申报) from the public page: creates a clue and its identification case; returns the reference number to ask about progress. Rate limited; the same phone may file ${APPLICATIONS_PER_PHONE_PER_DAY} a day.`,
          security: [],
          body: NewApplicationSchema,
          response: { 201: ApplicationReceiptSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await submitSelfApplication(deps, localDate(deps.now()), request.body)),
    );
    app.get(
      '/public/applications/:referenceNo',
      {
        config: { isPublic: true, rateLimit: { max: 20, timeWindow: '10 minutes' } },
        schema: { tags: ['public'], summary: 'Progress of a self-application: the reference number and the phone it was filed with', security: [], params: ApplicationParamsSchema, querystring: ApplicationStatusQuerySchema, response: { 200: ApplicationStatusSchema } },
      },
      async (request) => {
        const found = await findApplicationProgress(deps.pool, request.params.referenceNo.trim().toUpperCase(), deps.cipher.blindIndex(normalizePhone(request.query.phone)));
        if (!found) throw AppError.because('NOT_FOUND', 'applicationNotFound');
        return presentProgress(found);
      },
    );
    app.get(
      '/regions/:code/application-qr.svg',
      { schema: { tags: ['public'], summary: "QR code (SVG) of the village's self-application page, for printing", params: VillageCodeParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request);
        const village = await findPublicVillage(deps.pool, request.params.code);
        if (!village || !isInScope(scopeOf(actor), village.code)) throw AppError.because('NOT_FOUND', 'villageNotFound');
        const url = `${deps.config.publicUrl ?? `${request.protocol}://${request.host}`}/apply?village=${village.code}`;
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
      },
    );
  };
}
