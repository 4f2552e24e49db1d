import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { problemOf, sendProblem } from './problem.ts';

/**
 * The Content-Security-Policy of every response (the web app, the API, the Swagger UI).
 *
 * - Scripts: only files from this server (`'self'`); the built app has no inline script, and no
 *   `eval` is allowed.
 * - Styles: `'unsafe-inline'` is needed. antd 6 writes its component styles at run time (CSS-in-JS,
 *   `<style>` elements), and React components set `style="…"` attributes, which no nonce can cover.
 *   Inline styles can restyle a page but cannot run code; scripts stay locked down.
 * - Images: this server, plus `data:` and `blob:` (antd's icons and previews, a photo chosen for upload).
 * - `frame-ancestors 'none'`: no page of ours is ever framed (the print pages are printed with
 *   `window.print()` from their own tab, not embedded). `X-Frame-Options: DENY` says the same to old browsers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Full URLs (with a household id or a search in them) never leave for another site; our own pages
  // still see where a visitor came from. The QR codes open /apply directly, so they need no referrer.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** host[:port] of a URL, lower case, without the scheme's default port (80, 443). */
function hostOf(url: string): string | undefined {
  try {
    return normalHost(new URL(url).host);
  } catch {
    return undefined;
  }
}

function normalHost(host: string): string {
  return host.toLowerCase().replace(/:(80|443)$/, '');
}

/**
 * Why a state-changing request must be refused as cross-site, or undefined to let it through.
 *
 * A browser says where a request comes from (`Origin`, and `Sec-Fetch-Site` in current browsers).
 * A page of another site (a link in a phishing mail, a hidden form) may not change anything here,
 * even if the user is logged in (the session cookie is SameSite=Strict too: this is the second
 * wall). Requests without either header (the CLI, curl, scripts, the tests) are not from a browser
 * page and pass. The origin is ours when its host is the host the request was sent to (behind a
 * proxy with `TRUST_PROXY=1`: X-Forwarded-Host) or the host of `PUBLIC_URL`.
 */
export function crossOriginRefusal(request: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, publicUrl: string | undefined): string | undefined {
  if (!STATE_CHANGING.has(request.method)) return undefined;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return `Sec-Fetch-Site: ${fetchSite}`;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const from = hostOf(origin);
  if (!from) return `Origin ${origin.slice(0, 100)}`;
  const allowed = new Set<string>();
  if (request.host) allowed.add(normalHost(request.host));
  const publicHost = publicUrl ? hostOf(publicUrl) : undefined;
  if (publicHost) allowed.add(publicHost);
  return allowed.has(from) ? undefined : `Origin ${origin.slice(0, 100)}`;
}

/**
 * Browser hardening for every response: the security headers above; `Cache-Control: no-store` on
 * every API response unless the route chose its own (the API carries personal data: no browser or
 * proxy cache may keep it); and state-changing requests from another site refused with 403.
 */
export function registerSecurity(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = crossOriginRefusal(request, config.publicUrl);
    if (refusal === undefined) return;
    request.log.warn({ method: request.method, url: request.url.split('?')[0], refusal }, 'cross-site request refused');
    await sendProblem(reply, {
      ...problemOf('FORBIDDEN', `Requests from another site may not change data (${refusal}) / 不接受来自其他网站的修改请求`),
      reason: 'crossOrigin',
    });
    return reply;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
