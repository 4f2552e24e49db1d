import { z } from 'zod';
import { can, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { addUser, listUsers } from './add-user.ts';

const User = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string(), regionCode: z.string(), regionName: z.string().nullable(), isDisabled: z.boolean(), lastLoginAt: z.string().nullable() });

export function userRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/users', { schema: { tags: ['users'], summary: "Accounts in the actor's region", response: { 200: z.object({ items: z.array(User) }) } } }, async (request) => {
      const actor = requireActor(request);
      if (!can(actor, 'user.read')) throw new AppError('FORBIDDEN', 'Your role may not list accounts / 您的角色无权查看账号');
      const rows = await listUsers(deps.pool, scopeOf(actor).regionPrefix);
      return { items: rows.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null })) };
    });
    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: "Create an account in the actor's region (county admins)",
          body: z.object({ username: z.string(), password: z.string(), role: z.string(), region: z.string(), displayName: z.string().max(50).optional() }),
          response: { 201: z.object({ id: z.string(), username: z.string(), role: z.string(), regionCode: z.string(), regionName: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'user.manage')) throw new AppError('FORBIDDEN', 'Your role may not create accounts / 您的角色无权创建账号');
        return reply.status(201).send(await addUser(deps.pool, actor, request.body));
      },
    );
  };
}
