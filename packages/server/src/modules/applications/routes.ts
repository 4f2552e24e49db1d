import crypto from 'node:crypto';
import {
  ApplicationParamsSchema,
  ApplicationReceiptSchema,
  ApplicationStatusQuerySchema,
  ApplicationStatusSchema,
  IDENTIFICATION_STEP_ZH,
  isInScope,
  maskIdNumbersInText,
  maskPhone,
  NewApplicationSchema,
  PublicVillageListSchema,
  PublicVillageSchema,
  PublicVillagesQuerySchema,
  scopeOf,
  VillageCodeParamsSchema,
  type ApplicationStage,
  type IdentificationState,
  type IdentificationStep,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { openClueWithCase, type CaseOpener } from '../cases/open-case.ts';
import { isPhone, normalizePhone } from '../registry/phone.ts';
import { findSupervisionPhone } from '../county-settings/repo.ts';

/** Who files a self-application in the audit log: the public page, not a staff account. */
const PUBLIC_ACTOR: AuditActor = { userId: null, username: 'public:self-application', role: 'anonymous' };
/** …and on the case's timeline: the villager who applied (自主申报（群众）), role `public`, never a login name. */
const PUBLIC_APPLICANT: CaseOpener = { ...PUBLIC_ACTOR, displayName: '自主申报（群众）', timelineRole: 'public' };
/**
 * Per IP (villagers on one mobile carrier often share an address, so the limit is not tight) and,
 * below, per phone. A phone may file this many applications a day (more is junk or a mistake; the hotline is there). */
export const APPLICATIONS_PER_PHONE_PER_DAY = 3;

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newReferenceNo(today: string): string {
  const bytes = crypto.randomBytes(6);
  let suffix = '';
  for (const b of bytes) suffix += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  return `SQ${today.replace(/-/g, '')}-${suffix}`;
}

type VillageRow = { code: string; name: string; townshipName: string | null; countyName: string | null; level: string };

const VILLAGE_SQL = `SELECT r.code, r.name, r.level, t.name AS "townshipName", c.name AS "countyName"
  FROM regions r LEFT JOIN regions t ON t.code = r.parent_code LEFT JOIN regions c ON c.county_code = r.county_code AND c.level = 'county'`;

/** What the applicant may know about progress: the stage, never the decision's details. */
function statusOf(step: string, state: IdentificationState | null): { status: ApplicationStage; statusZh: string } {
  if (step === 'clueRegistered') return { status: 'received', statusZh: '已受理，等待安排入户核实' };
  if (step === 'closed' || step === 'callback') {
    const d = state?.decision;
    if (d?.kind === 'approved') return { status: 'approved', statusZh: '已办结：已纳入防止返贫监测帮扶' };
    if (d) return { status: 'notEligible', statusZh: '已办结：经核实暂不符合纳入条件，工作人员将电话告知原因' };
    return { status: 'closed', statusZh: '已办结' };
  }
  if (step === 'withdrawn') return { status: 'withdrawn', statusZh: '已撤回' };
  return { status: 'inProgress', statusZh: `办理中（${IDENTIFICATION_STEP_ZH[step as IdentificationStep] ?? step}）` };
}

export function applicationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/villages',
      {
        config: { isPublic: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ['public'], summary: 'Villages of a county for the public self-application form (no login)', security: [], querystring: PublicVillagesQuerySchema, response: { 200: PublicVillageListSchema } },
      },
      async (request) => {
        const { rows: county } = await deps.pool.query<{ code: string; name: string }>(`SELECT county_code AS code, name FROM regions WHERE county_code = $1 AND level = 'county'`, [request.query.county]);
        if (!county[0]) throw AppError.because('NOT_FOUND', 'countyNotFound');
        const { rows } = await deps.pool.query<VillageRow>(`${VILLAGE_SQL} WHERE r.county_code = $1 AND r.level = 'village' ORDER BY r.code`, [request.query.county]);
        return { county: county[0], villages: rows.map((v) => ({ code: v.code, name: v.name, townshipName: v.townshipName ?? '' })) };
      },
    );
    app.get(
      '/public/villages/:code',
      {
        config: { isPublic: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ['public'], summary: 'One village (from the QR code) for the self-application form (no login)', security: [], params: VillageCodeParamsSchema, response: { 200: PublicVillageSchema } },
      },
      async (request) => {
        const { rows } = await deps.pool.query<VillageRow>(`${VILLAGE_SQL} WHERE r.code = $1 AND r.level = 'village'`, [request.params.code]);
        const v = rows[0];
        if (!v) throw AppError.because('NOT_FOUND', 'villageNotFound');
        // The county's supervision / hotline number (县级设置), printed on the village's QR poster.
        const supervisionPhone = await findSupervisionPhone(deps.pool, v.code.slice(0, 6));
        return { code: v.code, name: v.name, townshipName: v.townshipName ?? '', countyName: v.countyName ?? '', supervisionPhone };
      },
    );
    app.post(
      '/public/applications',
      {
        config: { isPublic: true, rateLimit: { max: 20, timeWindow: '10 minutes', errorResponseBuilder: () => AppError.because('RATE_LIMITED', 'applicationsRateLimited', { max: 20, windowMinutes: 10 }) } },
        schema: {
          tags: ['public'],
          summary: 'Self-application (自主申报) from the public page: creates a clue and its identification case; returns the reference number to ask about progress. Rate limited; the same phone may file 3 a day.',
          security: [],
          body: NewApplicationSchema,
          response: { 201: ApplicationReceiptSchema },
        },
      },
      async (request, reply) => {
        // An ID number written into the description is stored masked (docs/personal-data.md, "At rest").
        const body = { ...request.body, name: request.body.name === undefined ? undefined : maskIdNumbersInText(request.body.name), description: maskIdNumbersInText(request.body.description) };
        // A hidden field people never see: a filled one is a robot.
        if (body.website) throw AppError.because('VALIDATION_FAILED', 'submissionInvalid', undefined, { field: 'website' });
        const phone = normalizePhone(body.phone);
        if (!/^1[3-9]\d{9}$/.test(phone) || !isPhone(phone)) throw AppError.because('VALIDATION_FAILED', 'mobileInvalid', undefined, { field: 'phone' });
        if (!/[\u4e00-\u9fffA-Za-z]{4,}/.test(request.body.description) || /(.)\1{9,}/.test(request.body.description))
          throw AppError.because('VALIDATION_FAILED', 'describeInWords', undefined, { field: 'description' });
        const today = localDate(deps.now());
        const phoneIndex = deps.cipher.blindIndex(phone);
        const referenceNo = await withTransaction(deps.pool, async (tx) => {
          const { rows } = await tx.query<VillageRow>(`${VILLAGE_SQL} WHERE r.code = $1 AND r.level = 'village'`, [body.villageCode]);
          if (!rows[0]) throw AppError.because('VALIDATION_FAILED', 'villageRequired', undefined, { field: 'villageCode' });
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`self-application:${phoneIndex.toString('hex')}`]);
          const { rows: recent } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM self_applications WHERE phone_index = $1 AND created_at > now() - interval '1 day'`, [phoneIndex]);
          if (recent[0]!.n >= APPLICATIONS_PER_PHONE_PER_DAY)
            throw AppError.because('RATE_LIMITED', 'applicationsPerPhoneLimited', { max: APPLICATIONS_PER_PHONE_PER_DAY });
          const summary = `${body.name ? `${body.name}：` : ''}${body.description}`;
          const opened = await openClueWithCase(tx, PUBLIC_APPLICANT, { regionCode: rows[0].code, householdId: null, channel: 'application', riskTypes: [], summary, clueDate: today });
          const ref = newReferenceNo(today);
          await tx.query(
            `INSERT INTO self_applications (reference_no, county_code, region_code, applicant_name, phone_enc, phone_index, phone_masked, description, consent, clue_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, $9)`,
            [ref, rows[0].code.slice(0, 6), rows[0].code, body.name ?? '', deps.cipher.encrypt(phone), phoneIndex, maskPhone(phone), body.description, opened.clueId],
          );
          await recordAudit(tx, PUBLIC_ACTOR, 'application.submitted', { type: 'self_application', id: opened.clueId, regionCode: rows[0].code }, { details: { referenceNo: ref, caseNumber: opened.caseNumber } });
          return ref;
        });
        return reply.status(201).send({ referenceNo });
      },
    );
    app.get(
      '/public/applications/:referenceNo',
      {
        config: { isPublic: true, rateLimit: { max: 20, timeWindow: '10 minutes' } },
        schema: { tags: ['public'], summary: 'Progress of a self-application: the reference number and the phone it was filed with', security: [], params: ApplicationParamsSchema, querystring: ApplicationStatusQuerySchema, response: { 200: ApplicationStatusSchema } },
      },
      async (request) => {
        const phone = normalizePhone(request.query.phone);
        const { rows } = await deps.pool.query<{ referenceNo: string; createdAt: Date; step: string | null; state: IdentificationState | null }>(
          `SELECT a.reference_no AS "referenceNo", a.created_at AS "createdAt", c.step, c.state FROM self_applications a LEFT JOIN cases c ON c.clue_id = a.clue_id
           WHERE a.reference_no = $1 AND a.phone_index = $2`,
          [request.params.referenceNo.trim().toUpperCase(), deps.cipher.blindIndex(phone)],
        );
        const a = rows[0];
        if (!a) throw AppError.because('NOT_FOUND', 'applicationNotFound');
        return { referenceNo: a.referenceNo, createdAt: a.createdAt.toISOString(), ...statusOf(a.step ?? 'clueRegistered', a.state) };
      },
    );
    app.get(
      '/regions/:code/application-qr.svg',
      { schema: { tags: ['public'], summary: "QR code (SVG) of the village's self-application page, for printing", params: VillageCodeParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request);
        const { rows } = await deps.pool.query<{ code: string }>(`SELECT code FROM regions WHERE code = $1 AND level = 'village'`, [request.params.code]);
        if (!rows[0] || !isInScope(scopeOf(actor), rows[0].code)) throw AppError.because('NOT_FOUND', 'villageNotFound');
        const url = `${deps.config.publicUrl ?? `${request.protocol}://${request.host}`}/apply?village=${rows[0].code}`;
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
      },
    );
  };
}
