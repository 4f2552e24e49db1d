import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';

// Item 6 of issue #10: TRUST_PROXY=1 trusted any X-Forwarded-For, so a client picked a new address
// per request and the login rate limit never applied. Only the configured proxies are trusted now.

describe('TRUST_PROXY', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['loopback', ['loopback']],
  ])('accepts proxy addresses and networks: %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([['0'], [''], [undefined]])('trusts no proxy for %s', (value) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toBe(false);
  });

  it.each([['1'], ['true'], ['*'], ['0.0.0.0/0'], ['::/0'], ['10.0.0.0/33'], ['proxy.example.org'], ['10.0.0.1,,']])(
    'refuses %s with a message that says what to set instead',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY[\s\S]*e\.g\. TRUST_PROXY=127\.0\.0\.1/);
    },
  );
});

describe('login rate limit behind a configured proxy', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    ctx = await createTestContext({ trustProxy, loginRatePerMinute: 5 });
  });

  const attempt = (remoteAddress: string, forwardedFor: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: 'nobody-at-all', password: 'wrong-password-1' },
    });

  it('a client that is not a trusted proxy cannot pick its address with X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt('203.0.113.7', `198.51.100.${i}`)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('the trusted proxy passes on each client address, so one client is limited and the others are not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt('10.1.2.3', `198.51.100.${100 + i}`)).statusCode);
    expect(statuses).toEqual(Array(8).fill(401));
    const same: number[] = [];
    for (let i = 0; i < 7; i++) same.push((await attempt('127.0.0.1', '198.51.100.250')).statusCode);
    expect(same.slice(5)).toEqual([429, 429]);
  });

  it('a forged X-Forwarded-For sent through the proxy does not help: the proxy appends the real address, which counts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt('127.0.0.1', `198.51.100.${200 + i}, 203.0.113.50`)).statusCode);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
