import { DeviceSessionsSchema, ManagedUsersSchema, SignOutDevicesAnswerSchema, SignOutDevicesBodySchema, NewUserBodySchema, SetPasswordBodySchema, TemporaryPasswordAnswerSchema, UserAndSessionsSchema, UserAnswerSchema, UserParamsSchema, can, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { addUser } from './add-user.ts';
import { findManagedUser, listUsers } from './repo.ts';
import { presentUser } from './present.ts';
import { requirePasswordChange } from './require-password-change.ts';
import { resetPassword } from './reset-password.ts';
import { setAccountDisabled } from './set-account-disabled.ts';
import { setPassword } from './set-password.ts';
import { listDeviceSessions, signOutDevices } from './sign-out-devices.ts';
import { unlockAccount } from './unlock-account.ts';

/** Account administration (用户管理) for county admins, inside their region. */
export function userRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  /** The device use cases' dependencies: the idle limit decides which sessions are still open. */
  const devices = { pool: deps.pool, now: deps.now, sessionIdleMs: deps.config.sessionIdleMs };
  return async (app) => {
    app.get(
      '/users',
      { schema: { tags: ['users'], summary: "Accounts in the actor's region", response: { 200: ManagedUsersSchema } } },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'user.read')) throw new AppError('FORBIDDEN', 'Your role may not list accounts');
        const rows = await listUsers(deps.pool, scopeOf(actor).regionPrefix);
        const now = deps.now();
        return { items: rows.map((u) => presentUser(u, actor, now)) };
      },
    );
    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: "Create an account in the actor's region (county admins); by default the person must choose a new password at the first login",
          body: NewUserBodySchema,
          response: { 201: UserAnswerSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { id } = await addUser(deps, actor, request.body);
        const row = await findManagedUser(deps.pool, '', { id });
        return reply.status(201).send({ user: presentUser(row!, actor, deps.now()) });
      },
    );
    app.post(
      '/users/:id/password',
      {
        schema: {
          tags: ['users'],
          summary: "Set another account's password (ends its sessions; by default the person must change it at the next login)",
          params: UserParamsSchema,
          body: SetPasswordBodySchema,
          response: { 200: UserAndSessionsSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { endedSessions, ...user } = await setPassword(deps, actor, { id: request.params.id }, request.body);
        return { user: presentUser(user, actor, deps.now()), endedSessions };
      },
    );
    app.post(
      '/users/:id/reset-password',
      {
        schema: {
          tags: ['users'],
          summary: 'Reset a forgotten password: a one-time password, shown once, to be changed at the next login (ends the sessions)',
          params: UserParamsSchema,
          response: { 200: TemporaryPasswordAnswerSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { user, temporaryPassword, endedSessions } = await resetPassword(deps, actor, { id: request.params.id });
        reply.header('cache-control', 'no-store');
        return { user: presentUser(user, actor, deps.now()), temporaryPassword, endedSessions };
      },
    );
    app.post(
      '/users/:id/disable',
      { schema: { tags: ['users'], summary: 'Disable an account (ends its sessions at once)', params: UserParamsSchema, response: { 200: UserAndSessionsSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const { endedSessions, ...user } = await setAccountDisabled(deps, actor, { id: request.params.id }, true);
        return { user: presentUser(user, actor, deps.now()), endedSessions };
      },
    );
    app.post(
      '/users/:id/enable',
      { schema: { tags: ['users'], summary: 'Enable a disabled account again', params: UserParamsSchema, response: { 200: UserAnswerSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const { endedSessions: _, ...user } = await setAccountDisabled(deps, actor, { id: request.params.id }, false);
        return { user: presentUser(user, actor, deps.now()) };
      },
    );
    app.get(
      '/users/:id/sessions',
      {
        schema: {
          tags: ['users'],
          summary: 'The devices an account is signed in on: user agent, signed in at, last seen (no IP address)',
          params: UserParamsSchema,
          response: { 200: DeviceSessionsSchema },
        },
      },
      async (request) => ({ items: await listDeviceSessions(devices, requireActor(request), { id: request.params.id }) }),
    );
    app.post(
      '/users/:id/sign-out',
      {
        schema: {
          tags: ['users'],
          summary: "Sign one device of an account out (sessionId) or all of them; the device's next request is a 401 sessionRevoked and the field app wipes its offline store",
          params: UserParamsSchema,
          body: SignOutDevicesBodySchema,
          response: { 200: SignOutDevicesAnswerSchema },
        },
      },
      async (request) => signOutDevices(devices, requireActor(request), { id: request.params.id }, request.body.sessionId),
    );
    app.post(
      '/users/:id/unlock',
      { schema: { tags: ['users'], summary: 'Lift a lockout after repeated failed logins', params: UserParamsSchema, response: { 200: UserAnswerSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return { user: presentUser(await unlockAccount(deps, actor, { id: request.params.id }), actor, deps.now()) };
      },
    );
    app.post(
      '/users/:id/require-password-change',
      { schema: { tags: ['users'], summary: 'Require a new password at the next request (the current one still logs in)', params: UserParamsSchema, response: { 200: UserAnswerSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return { user: presentUser(await requirePasswordChange(deps, actor, { id: request.params.id }), actor, deps.now()) };
      },
    );
  };
}
