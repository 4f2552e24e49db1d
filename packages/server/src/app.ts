import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maySeeServerVersions } from '@fangpin/domain';
import type { AppDeps } from './context.ts';
import { handleError, problemOf, sendProblem } from './http/problem.ts';
import { registerSecurity } from './http/security.ts';
import { resolveActor, SESSION_COOKIE } from './http/session.ts';
import { refuseForbiddenText } from './http/text-input.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { importRoutes } from './modules/registry/import-routes.ts';
import { regionRoutes } from './modules/regions/routes.ts';
import { rulesRoutes } from './modules/rules/routes.ts';
import { monitoringRoutes } from './modules/monitoring/routes.ts';
import { eliminationRoutes } from './modules/monitoring/elimination-routes.ts';
import { departmentRoutes } from './modules/department/routes.ts';
import { importJobRoutes } from './modules/jobs/routes.ts';
import { departmentSettingsRoutes } from './modules/department/settings-routes.ts';
import { countySettingsRoutes } from './modules/county-settings/routes.ts';
import { clueRoutes } from './modules/clues/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { statsRoutes } from './modules/stats/routes.ts';
import { hotlineRoutes } from './modules/hotline/routes.ts';
import { applicationRoutes } from './modules/applications/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { fieldSyncRoutes } from './modules/field-sync/routes.ts';
import { attachmentRoutes } from './modules/attachments/routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { instanceRoutes } from './modules/demo/routes.ts';

/** The app's version (package.json), shown by /api/health to county admins only. */
const APP_VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const HealthSchema = z.object({
  status: z.string(),
  /** `ok` when the database answered, `unreachable` otherwise. */
  database: z.enum(['ok', 'unreachable']),
  time: z.string(),
  version: z.string().optional(),
  databaseVersion: z.string().optional(),
  databaseKind: z.string().optional(),
});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route needs no session (login, health, public pages). */
    isPublic?: boolean;
  }
}

/**
 * buildApp(deps): the only wiring point (docs/ARCHITECTURE.md). Tests call it too, through `app.inject()`.
 * Logs carry method and path only: never query strings or bodies, which may hold ID numbers or phones.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.config.logLevel === 'silent'
        ? false
        : {
            level: deps.config.logLevel,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
            serializers: {
              req: (req) => ({ method: req.method, url: String(req.url).split('?')[0] }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
          },
    // Only the configured proxies (TRUST_PROXY): otherwise anyone could pick their address (and dodge the login rate limit) with X-Forwarded-For.
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  registerSecurity(app, deps.config);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fangpin (防贫) API',
        version: '0.1.0',
        description: 'Dynamic monitoring and assistance to prevent return to poverty. Errors are RFC 9457 problem+json with a `code`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fangpin_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request) => {
        if (request.routeOptions.config.isPublic) return;
        request.actor = await resolveActor(deps, request);
      });
      // NUL and the other characters no text field may hold: 400 naming the field, for every route.
      api.addHook('preValidation', refuseForbiddenText);
      api.get('/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());
      api.get(
        '/health',
        {
          config: { isPublic: true },
          schema: {
            tags: ['system'],
            summary: 'Liveness and database check (no login). Versions only for a logged-in county admin',
            security: [],
            response: {
              200: HealthSchema.extend({ status: z.literal('ok') }),
              503: HealthSchema.extend({ status: z.literal('unavailable') }),
            },
          },
        },
        async (request, reply) => {
          const time = deps.now().toISOString();
          let serverVersion: string;
          try {
            const { rows } = await deps.pool.query<{ server_version: string }>('SHOW server_version');
            serverVersion = rows[0]?.server_version ?? '?';
          } catch (error) {
            request.log.error({ err: { message: (error as Error).message } }, 'health: the database does not answer');
            return reply.status(503).send({ status: 'unavailable' as const, database: 'unreachable' as const, time });
          }
          // Version numbers help an attacker pick an exploit: only a county admin's session sees them.
          const actor = request.cookies[SESSION_COOKIE] ? await resolveActor(deps, request).catch(() => undefined) : undefined;
          const versions = actor && maySeeServerVersions(actor.role) ? { version: APP_VERSION, databaseVersion: `PostgreSQL ${serverVersion}`, databaseKind: deps.databaseLabel ?? 'postgresql' } : {};
          return { status: 'ok' as const, database: 'ok' as const, time, ...versions };
        },
      );
      await api.register(instanceRoutes(deps));
      await api.register(authRoutes(deps));
      await api.register(regionRoutes(deps));
      await api.register(registryRoutes(deps));
      await api.register(importRoutes(deps));
      await api.register(userRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(rulesRoutes(deps));
      await api.register(monitoringRoutes(deps));
      await api.register(eliminationRoutes(deps));
      await api.register(departmentRoutes(deps));
      await api.register(importJobRoutes(deps));
      await api.register(departmentSettingsRoutes(deps));
      await api.register(countySettingsRoutes(deps));
      await api.register(clueRoutes(deps));
      await api.register(caseRoutes(deps));
      await api.register(statsRoutes(deps));
      await api.register(hotlineRoutes(deps));
      await api.register(applicationRoutes(deps));
      await api.register(visitRoutes(deps));
      await api.register(fieldSyncRoutes(deps));
      await api.register(attachmentRoutes(deps));
    },
    { prefix: '/api' },
  );

  const webDist = deps.webDist;
  const hasWeb = !!webDist && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // Hashed assets are immutable; index.html is always revalidated so a rebuild shows up at once.
    await app.register(fastifyStatic, {
      root: webDist,
      // Files are looked up per request, so a rebuild needs no restart; a missing one falls to the handler below.
      wildcard: true,
      index: false,
      cacheControl: false,
      // `npm run build` writes x.br and x.gz beside each text file: sent as such to browsers that take them.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        // A shared cache must not hand brotli to a client that did not ask for it.
        if (/\.(js|mjs|css|html|svg|json|txt|webmanifest)(\.br|\.gz)?$/.test(filePath)) res.setHeader('vary', 'accept-encoding');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    // API routes and missing files (a stale /assets/x.js after a rebuild) are real 404s, not the app's HTML.
    if (request.url.startsWith('/api/') || !['GET', 'HEAD'].includes(request.method) || /\.[a-z0-9]+(\?|$)/i.test(request.url)) {
      return sendProblem(reply, problemOf('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
    }
    // The field app (/field, docs/field-app.md) is its own page of the build.
    if (hasWeb && /^\/field(\/|\?|$)/.test(request.url) && fs.existsSync(path.join(webDist, 'field.html'))) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('field.html');
    if (hasWeb) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    return reply
      .type('text/html; charset=utf-8')
      .send('<!doctype html><meta charset="utf-8"><title>Fangpin</title><p>The web app is not built. Run <code>npm run build</code>. API: <a href="/api/docs">/api/docs</a></p>');
  });
  return app;
}
