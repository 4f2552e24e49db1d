import type { Role } from '@fangpin/domain';
import { expect } from 'vitest';
import { buildUserAndLogin, PNG } from './factories.ts';
import { setTestDay, type TestContext } from './test-app.ts';

/** A signed-in user of a server test: the session cookie and who it is. */
export type Login = { cookie: string; user: { id: string; username: string } };

/** A multipart/form-data body with `fields` and one `file`, as the browser sends an upload. */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----fangpin-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The sign-ins and requests of one test file. `ctx` is read at each call (test files create their
 * context in `beforeAll`). `login` remembers who signed in, so `setDay` keeps their sessions alive
 * when it moves the app's clock to 10:00 China time on `day`.
 */
export function testSessions(ctx: () => TestContext) {
  const everyone: Login[] = [];
  return {
    everyone,
    login: async (role: Role, regionCode: string): Promise<Login> => {
      const l = await buildUserAndLogin(ctx(), { role, regionCode });
      everyone.push(l);
      return l;
    },
    setDay: (day: string): Promise<void> => setTestDay(ctx(), day, everyone.map((w) => w.user.id)),
    /** A JSON request as `who` (or without a session). */
    api: (who: Login | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      ctx().app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: who ? { cookie: who.cookie } : {} }),
    /** Uploads `<purpose>.png` to `url` as `who` (a consent scan, a photo…); it must be stored (201). */
    attach: async (who: Login, url: string, purpose: string) => {
      const { payload, headers } = multipart({ purpose }, { name: `${purpose}.png`, content: PNG, type: 'image/png' });
      const r = await ctx().app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: who.cookie } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    },
  };
}

/**
 * Reading a case and sending it events over HTTP: `act` sends the event at the case's current
 * version, read as `reader` (someone who sees every case of the county); `actOk` expects it to pass.
 */
export function caseRequests(api: ReturnType<typeof testSessions>['api'], reader: () => Login) {
  async function caseOf(who: Login, id: string) {
    const r = await api(who, 'GET', `/api/cases/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  }
  async function act(who: Login, id: string, type: string, data: object = {}, occurredOn?: string) {
    const current = await caseOf(reader(), id);
    return api(who, 'POST', `/api/cases/${id}/events`, { type, version: current.version, data, ...(occurredOn ? { occurredOn } : {}) });
  }
  async function actOk(who: Login, id: string, type: string, data: object = {}, occurredOn?: string) {
    const r = await act(who, id, type, data, occurredOn);
    expect(r.statusCode, `${type}: ${r.body}`).toBe(200);
    return r.json();
  }
  return { caseOf, act, actOk };
}

/**
 * A dispatched hotline call (热线来电) about a household (or about nobody yet) in village `regionCode`,
 * made on `calledOn` and logged by `who` now; returns the case it opened.
 */
export async function dispatchHotlineCall(
  api: ReturnType<typeof testSessions>['api'],
  who: Login,
  call: { regionCode: string; householdId: string | null; calledOn: string; phone: string },
): Promise<string> {
  const r = await api(who, 'POST', '/api/hotline-calls', {
    calledAt: `${call.calledOn}T09:12:00+08:00`,
    callerName: '来电群众',
    callerPhone: call.phone,
    regionCode: call.regionCode,
    householdId: call.householdId,
    content: '家里老人住院，花了不少钱，担心返贫',
    policyExplained: '讲解了防止返贫监测对象的认定条件',
    result: 'dispatched',
    riskTypes: ['01'],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().caseId as string;
}
