import { LoginBodySchema, MeAnswerSchema, OwnPasswordAnswerSchema, OwnPasswordBodySchema, ROLE_LABELS, abilitiesOf, type Me } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { changeOwnPassword } from './change-own-password.ts';
import { hashToken, login } from './login.ts';
import { deleteSession } from './repo.ts';
import { SESSION_COOKIE, requireActor, sessionTokenHash, setSessionCookie, type SessionActor } from '../../http/session.ts';
import { findRegionPath } from '../regions/repo.ts';

async function presentMe(deps: AppDeps, actor: SessionActor): Promise<Me> {
  const path = await findRegionPath(deps.pool, actor.regionCode);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    regionCode: actor.regionCode,
    regionName: path.at(-1)?.name ?? actor.regionCode,
    regionPath: path.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    mustChangePassword: actor.mustChangePassword,
    abilities: abilitiesOf(actor),
  };
}

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { isPublic: true, rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Log in with username and password; sets the httpOnly session cookie',
          body: LoginBodySchema,
          response: { 200: MeAnswerSchema },
        },
      },
      async (request, reply) => {
        const { token, user, expiresAt } = await login(deps, request.body, { userAgent: request.headers['user-agent'] });
        setSessionCookie(reply, token, expiresAt, request.protocol === 'https');
        const actor: SessionActor = {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role as SessionActor['role'],
          regionCode: user.regionCode,
          mustChangePassword: user.mustChangePassword,
        };
        return { user: await presentMe(deps, actor) };
      },
    );
    app.post(
      '/auth/logout',
      { config: { isPublic: true }, schema: { tags: ['auth'], summary: 'Log out (ends the session)' } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await deleteSession(deps.pool, hashToken(token));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );
    app.get(
      '/auth/me',
      {
        config: { allowedBeforePasswordChange: true },
        schema: { tags: ['auth'], summary: 'The logged-in user, with role, region and abilities', response: { 200: MeAnswerSchema } },
      },
      async (request) => ({ user: await presentMe(deps, requireActor(request)) }),
    );
    app.post(
      '/auth/password',
      {
        // It checks a password, so it is limited like the login.
        config: { allowedBeforePasswordChange: true, rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Change your own password (the current one is required); ends your other sessions',
          body: OwnPasswordBodySchema,
          response: { 200: OwnPasswordAnswerSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { endedSessions } = await changeOwnPassword(deps, actor, request.body, sessionTokenHash(request));
        return { user: await presentMe(deps, { ...actor, mustChangePassword: false }), endedSessions };
      },
    );
  };
}
