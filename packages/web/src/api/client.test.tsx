import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, onUnauthorized, withQuery } from './client';

function respond(status: number, body?: unknown, contentType = 'application/problem+json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(
    async () => new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiFetch', () => {
  it('sends the session cookie and JSON body, and returns parsed JSON', async () => {
    const fetchMock = respond(200, { user: { id: 'u1' } }, 'application/json');
    vi.stubGlobal('fetch', fetchMock);
    const result = await apiFetch<{ user: { id: string } }>('/api/auth/login', {
      method: 'POST',
      body: { username: 'a', password: 'b' },
    });
    expect(result.user.id).toBe('u1');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"username":"a","password":"b"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns problem+json into an ApiError with status, code and detail', async () => {
    vi.stubGlobal(
      'fetch',
      respond(429, {
        type: 'https://fangpin.example/problems/account-locked',
        title: 'Account locked',
        status: 429,
        code: 'ACCOUNT_LOCKED',
        detail: '连续 5 次密码错误，账户已锁定 15 分钟',
      }),
    );
    const error = await apiFetch('/api/auth/login', { method: 'POST', body: {}, ignoreUnauthorized: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'ACCOUNT_LOCKED',
      title: 'Account locked',
      detail: '连续 5 次密码错误，账户已锁定 15 分钟',
      message: '连续 5 次密码错误，账户已锁定 15 分钟',
    });
  });

  it('keeps field and row of a validation problem', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, {
        type: 'x',
        title: 'Invalid',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'bad',
        field: 'q',
        row: 3,
      }),
    );
    const error = (await apiFetch('/api/households').catch((e: unknown) => e)) as ApiError;
    expect(error.field).toBe('q');
    expect(error.row).toBe(3);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [502, 'SERVER_ERROR'],
  ])('gives a code to a %i answer without a problem body (%s)', async (status, code) => {
    vi.stubGlobal('fetch', respond(status, '<html>Bad gateway</html>', 'text/html'));
    const error = (await apiFetch('/api/x', { ignoreUnauthorized: true }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await apiFetch('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal('fetch', respond(204));
    await expect(apiFetch('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('tells listeners about a 401 unless the caller expects it', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    const problem = { type: 'x', title: 'Unauthenticated', status: 401, code: 'UNAUTHENTICATED', detail: '请先登录' };
    vi.stubGlobal('fetch', respond(401, problem));
    await apiFetch('/api/households').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    await apiFetch('/api/auth/me', { ignoreUnauthorized: true }).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    await apiFetch('/api/households').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/api/households', { q: '王 小', type: undefined, regionCode: '', page: 2 })).toBe(
      '/api/households?q=%E7%8E%8B+%E5%B0%8F&page=2',
    );
    expect(withQuery('/api/households', {})).toBe('/api/households');
  });
});
