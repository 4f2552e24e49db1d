import crypto from 'node:crypto';
import { addCalendarDays, GUANGXI_RULE_SET_VERSIONS, idChecksumChar, maskIdNumber, maskPhone, RISK_TYPES, type Actor, type CaseEventType, type ClueChannel, type IdentificationStep, type Role } from '@fangpin/domain';
import { withTransaction } from '../src/db/client.ts';
import { advanceCase } from '../src/modules/cases/advance-case.ts';
import { attachCaseFile } from '../src/modules/cases/attach-case-file.ts';
import { openClueWithCase } from '../src/modules/cases/open-case.ts';
import { ruleSetInForce } from '../src/modules/rules/rule-set-in-force.ts';
import { insertVersions } from '../src/modules/rules/repo.ts';
import type pg from 'pg';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import type { TestContext } from './test-app.ts';

/**
 * Factories named by state (docs/STYLE.md rule 11). Each test builds its own county, so test files run in
 * parallel on one database without truncating anything.
 */
export type TestCounty = {
  code: string;
  countyCode: string;
  name: string;
  townships: { code: string; name: string }[];
  /** Two villages per township: [t1v1, t1v2, t2v1, t2v2]. */
  villages: { code: string; name: string; townshipCode: string }[];
};

/** Every test county lies in Guangxi (45), so the shipped Guangxi rule sets apply to it. */
export async function buildCounty(pool: pg.Pool): Promise<TestCounty> {
  await insertVersions(pool, GUANGXI_RULE_SET_VERSIONS.map((v) => ({ ...v, createdBy: 'system' })));
  for (let attempt = 0; attempt < 50; attempt++) {
    const countyCode = `45${crypto.randomInt(10, 99)}${crypto.randomInt(10, 99)}`;
    if (countyCode === '451028') continue;
    const cityCode = `${countyCode.slice(0, 4)}00000000`;
    const code = `${countyCode}000000`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ('450000000000', '广西壮族自治区', 'province', 0, NULL, NULL) ON CONFLICT DO NOTHING`);
      await client.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ($1, $2, 'city', 1, '450000000000', NULL) ON CONFLICT DO NOTHING`, [cityCode, `测试市${countyCode.slice(2, 4)}`]);
      const { rowCount } = await client.query(
        `INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ($1, $2, 'county', 2, $3, $4) ON CONFLICT DO NOTHING`,
        [code, `测试县${countyCode}`, cityCode, countyCode],
      );
      if (!rowCount) {
        await client.query('ROLLBACK');
        continue;
      }
      const townships = [
        { code: `${countyCode}100000`, name: '同乐镇' },
        { code: `${countyCode}201000`, name: '逻西乡' },
      ];
      const villages = [
        { code: `${countyCode}100201`, name: '刷把村', townshipCode: townships[0]!.code },
        { code: `${countyCode}100202`, name: '火卖村', townshipCode: townships[0]!.code },
        { code: `${countyCode}201201`, name: '马庄村', townshipCode: townships[1]!.code },
        { code: `${countyCode}201202`, name: '百乐村', townshipCode: townships[1]!.code },
      ];
      for (const t of townships) {
        await client.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ($1, $2, 'township', 3, $3, $4)`, [t.code, t.name, code, countyCode]);
      }
      for (const v of villages) {
        await client.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ($1, $2, 'village', 4, $3, $4)`, [v.code, v.name, v.townshipCode, countyCode]);
      }
      await client.query('COMMIT');
      return { code, countyCode, name: `测试县${countyCode}`, townships, villages };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  throw new Error('Could not find a free county code for the test');
}

let idSequence = crypto.randomInt(0, 250);

/**
 * A valid 18-digit ID number in the county, unique within the test run. Its sequence number lies in
 * the upper half (500–999): the registry generator hands out sequences per birth day from 000 up, so
 * a household built here never shares an ID number with a generated registry file of the same county
 * (that collision made the event-loop test's big import reject one row now and then).
 */
export function makeIdNumber(countyCode: string, birthDate = '1980-05-17', sex: 'male' | 'female' = 'male'): string {
  idSequence = 250 + ((idSequence + 1) % 250);
  const seq = String(idSequence * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${countyCode}${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + idChecksumChar(first17);
}

export type BuiltHousehold = { id: string; householdNumber: string; regionCode: string; phone: string; members: { id: string; name: string; idNumber: string }[] };

let householdSequence = crypto.randomInt(0, 100_000);

export async function buildHousehold(
  ctx: Pick<TestContext, 'pool' | 'cipher'>,
  options: { villageCode: string; type?: 'formerlyPoor' | 'ordinary'; members?: { name: string; relation?: string; birthDate?: string; sex?: 'male' | 'female' }[] },
): Promise<BuiltHousehold> {
  const { pool, cipher } = ctx;
  const countyCode = options.villageCode.slice(0, 6);
  householdSequence++;
  const householdNumber = `${options.villageCode}${String(householdSequence).padStart(6, '0')}`;
  const phone = `138${String(crypto.randomInt(0, 99_999_999)).padStart(8, '0')}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO households (county_code, region_code, household_number, type, address, phone_enc, phone_index, phone_masked)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [countyCode, options.villageCode, householdNumber, options.type ?? 'ordinary', '测试屯1号', cipher.encrypt(phone), cipher.blindIndex(phone), maskPhone(phone)],
  );
  const id = rows[0]!.id;
  const members: BuiltHousehold['members'] = [];
  for (const m of options.members ?? [{ name: '黄大明', relation: 'head' }, { name: '罗小花', relation: 'spouse', sex: 'female' as const }]) {
    const idNumber = makeIdNumber(countyCode, m.birthDate ?? '1980-05-17', m.sex ?? 'male');
    const { rows: mr } = await pool.query<{ id: string }>(
      `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation, health, labour_capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'healthy', 'full') RETURNING id`,
      [id, countyCode, m.name, cipher.encrypt(idNumber), cipher.blindIndex(idNumber), maskIdNumber(idNumber), m.sex ?? 'male', Number((m.birthDate ?? '1980-05-17').slice(0, 4)), m.relation ?? 'head'],
    );
    members.push({ id: mr[0]!.id, name: m.name, idNumber });
  }
  return { id, householdNumber, regionCode: options.villageCode, phone, members };
}

export const TEST_PASSWORD = 'Test-password-1';
let passwordHash: Promise<string> | undefined;

export async function buildUser(pool: pg.Pool, options: { role: Role; regionCode: string; username?: string }): Promise<{ id: string; username: string; password: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = options.username ?? `${options.role}-${crypto.randomBytes(4).toString('hex')}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, has_published_password) VALUES ($1, $1, $2, $3, $4, false) RETURNING id`,
    [username, await passwordHash, options.role, options.regionCode],
  );
  return { id: rows[0]!.id, username, password: TEST_PASSWORD };
}

/** Logs in through the API and returns the Cookie header value. */
export async function login(ctx: Pick<TestContext, 'app'>, user: { username: string; password: string }): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'fangpin_session');
  if (!cookie) throw new Error('no session cookie');
  return `fangpin_session=${cookie.value}`;
}

export async function buildUserAndLogin(ctx: TestContext, options: { role: Role; regionCode: string }): Promise<{ cookie: string; user: { id: string; username: string } }> {
  const user = await buildUser(ctx.pool, options);
  return { cookie: await login(ctx, user), user };
}

/**
 * Makes the user a helping cadre (帮扶责任人) of the household from `assignedOn`, written straight
 * into household_helpers: for tests of what a helping cadre reads, where the monitoring decision that
 * normally precedes an assignment (approveHousehold, then POST …/helpers) is beside the point.
 */
export async function buildHelperAssignment(pool: pg.Pool, options: { household: Pick<BuiltHousehold, 'id' | 'regionCode'>; user: { id: string; username: string }; assignedOn?: string }): Promise<void> {
  await pool.query(
    `INSERT INTO household_helpers (county_code, household_id, kind, user_id, name, assigned_on, assigned_by) VALUES ($1, $2, 'cadre', $3, $4, $5, 'test')`,
    [options.household.regionCode.slice(0, 6), options.household.id, options.user.id, options.user.username, options.assignedOn ?? '2026-01-05'],
  );
}

/**
 * A department warning (预警) about a household, in the given status (default: new, as a comparison
 * raises it; `dispatched` once the county has sent it to the village).
 */
export async function buildWarning(
  pool: pg.Pool,
  options: { household: Pick<BuiltHousehold, 'id' | 'regionCode'>; status?: 'new' | 'dispatched'; riskType?: string; period?: string; dueOn?: string; raisedAt?: Date },
): Promise<{ id: string }> {
  const dispatched = options.status === 'dispatched';
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, numbers, rule_set_version, batch_ids, status, due_on, dispatched_at, created_at)
     VALUES ($1, $2, $3, $4, $5, ARRAY['medical'], '近12个月医疗个人自付 12000 元，超过 10000 元', '{"sum": 12000}', 'gx-2026.1', '{}', $6, $7, CASE WHEN $8 THEN coalesce($9, now()) END, coalesce($9, now())) RETURNING id`,
    [options.household.regionCode.slice(0, 6), options.household.regionCode, options.household.id, options.riskType ?? '01', options.period ?? crypto.randomUUID().slice(0, 8), options.status ?? 'new', options.dueOn ?? null, dispatched, options.raisedAt ?? null],
  );
  return rows[0]!;
}

/** A 1×1 PNG: the smallest file the attachment checks accept as a photo or a scan (the signed consent's "scan"). */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export type CaseActors = Record<'monitor' | 'township' | 'village', Actor & { displayName: string }>;

export type BuiltCase = {
  id: string;
  caseNumber: string;
  clueId: string;
  regionCode: string;
  householdId: string;
  /** The version to send with the next event. */
  version: number;
  step: IdentificationStep;
  /** The day the last step happened (the clue date for a new case). */
  lastDay: string;
  /** The users who carried the case this far (county centre, township, village), for more steps. */
  actors: CaseActors;
};

/**
 * An identification case (识别认定) about `household` or a new household of the county's first village (or `villageIndex`),
 * brought to `step` through the real use cases: the clue is opened, then each step is recorded by a
 * role acting in it (the consent scan attached before the home check), dated from `clueDate` on so
 * the public notice runs its full length. `withdrawn`: withdrawn by the county at the first step.
 * The clue comes in by `channel` (default: the hotline; no call record is written: a call about the
 * household made afterwards joins this clue).
 */
export async function buildCase(
  ctx: Pick<TestContext, 'pool' | 'cipher'>,
  county: TestCounty,
  options: {
    step: IdentificationStep;
    clueDate?: string;
    villageIndex?: number;
    riskTypes?: string[];
    channel?: ClueChannel;
    household?: Pick<BuiltHousehold, 'id' | 'regionCode'>;
    /** What the home check records besides the signed consent (members, incomes, notes…). */
    verification?: Record<string, unknown>;
  },
): Promise<BuiltCase> {
  // The people who carry the case work in the household's village.
  const village = county.villages.find((v) => v.code === options.household?.regionCode) ?? county.villages[options.villageIndex ?? 0]!;
  const household = options.household ?? (await buildHousehold(ctx, { villageCode: village.code }));
  const user = async (role: Role, regionCode: string) => {
    const u = await buildUser(ctx.pool, { role, regionCode });
    return { userId: u.id, username: u.username, displayName: u.username, role, regionCode };
  };
  const actors: CaseActors = {
    monitor: await user('county-monitor', county.countyCode),
    township: await user('township-officer', village.townshipCode),
    village: await user('village-cadre', village.code),
  };
  const clueDate = options.clueDate ?? '2026-03-02';
  const opened = await withTransaction(ctx.pool, (tx) =>
    openClueWithCase(tx, actors.monitor, {
      regionCode: household.regionCode,
      householdId: household.id,
      channel: options.channel ?? 'hotline',
      riskTypes: options.riskTypes ?? [RISK_TYPES.illness.code],
      summary: '测试线索：家中有人住院',
      clueDate,
    }),
  );
  const ruleSet = await ruleSetInForce(ctx.pool, household.regionCode, clueDate);
  const built: BuiltCase = { id: opened.caseId, caseNumber: opened.caseNumber, clueId: opened.clueId, regionCode: household.regionCode, householdId: household.id, version: 1, step: 'clueRegistered', lastDay: clueDate, actors };
  const act = async (actor: Actor & { displayName: string }, type: CaseEventType, data: unknown, day: string) => {
    await advanceCase({ pool: ctx.pool, today: day, cipher: ctx.cipher }, actor, built.id, { type, version: built.version, data, occurredOn: day });
    built.version += 1;
    built.lastDay = day;
  };
  const day = (n: number) => addCalendarDays(clueDate, n);
  const noticeBy = ruleSet.noticeLevel === 'township' ? actors.township : actors.village;
  const noticeEnds = 3 + ruleSet.noticeDays;
  /** The event that leaves each step on the way to approval, who sends it and when. */
  const path: Partial<Record<IdentificationStep, [IdentificationStep, () => Promise<void>]>> = {
    clueRegistered: ['homeVerification', () => act(actors.monitor, 'startVerification', {}, day(0))],
    homeVerification: [
      'propertyCheck',
      async () => {
        await attachCaseFile(ctx.pool, actors.village, built.id, async () => ({ purpose: 'consent', fileName: 'consent.png', mimeType: 'image/png', content: PNG }), day(1));
        await act(actors.village, 'recordVerification', { consentSigned: true, ...options.verification }, day(1));
      },
    ],
    propertyCheck: ['systemAssessment', () => act(actors.monitor, 'recordPropertyCheck', {}, day(2))],
    systemAssessment: ['villageDeliberation', () => act(actors.monitor, 'recordAssessment', {}, day(2))],
    villageDeliberation: ['publicNotice', () => act(actors.village, 'recordDeliberation', { result: 'recommend', heldOn: day(3), attendees: 9, minutes: '村民代表会议一致同意推荐' }, day(3))],
    publicNotice: ['townshipReview', () => act(noticeBy, 'endNotice', {}, day(noticeEnds))],
    townshipReview: ['countyApproval', () => act(actors.township, 'townshipApprove', {}, day(noticeEnds + 1))],
    countyApproval: ['callback', () => act(actors.monitor, 'countyDecide', { decision: 'approved', category: 'unstable', riskTypes: options.riskTypes ?? [RISK_TYPES.illness.code] }, day(noticeEnds + 2))],
    callback: ['closed', () => act(actors.monitor, 'recordCallback', { result: '已告知认定结果，无异议', objection: false }, day(noticeEnds + 3))],
  };
  if (options.step === 'withdrawn') {
    await act(actors.monitor, 'withdraw', { reason: '重复线索' }, day(0));
    built.step = 'withdrawn';
    return built;
  }
  while (built.step !== options.step) {
    const next = path[built.step];
    if (!next) throw new Error(`buildCase: no way from ${built.step} to ${options.step}`);
    await next[1]();
    built.step = next[0];
  }
  return built;
}
