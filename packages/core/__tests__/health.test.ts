import { interpretActuator, interpretHealthJson, interpretReadyz, readHealth } from '../src/health/index.js';

const HEALTH_JSON = 'application/health+json';
const ACTUATOR = 'application/vnd.spring-boot.actuator.v3+json';

describe('readHealth recognises the format by content type or shape', () => {
  test.each([
    ['health+json pass', HEALTH_JSON, { status: 'pass' }, 'health+json', 'pass', 'health+json status pass'],
    ['health+json ok alias', HEALTH_JSON, { status: 'ok' }, 'health+json', 'pass', 'health+json status ok'],
    [
      'health+json warn names the warning checks',
      HEALTH_JSON,
      { status: 'warn', checks: { 'disk:utilization': [{ status: 'warn' }], 'db:rt': [{ status: 'pass' }] } },
      'health+json',
      'warn',
      'health+json status warn: disk:utilization',
    ],
    [
      'health+json fail names failing checks',
      `${HEALTH_JSON}; charset=utf-8`,
      {
        status: 'fail',
        checks: { 'db:connections': [{ status: 'fail' }], 'cache:hits': [{ status: 'pass' }] },
      },
      'health+json',
      'fail',
      'health+json status fail: db:connections',
    ],
    ['actuator UP by content type', ACTUATOR, { status: 'UP' }, 'actuator', 'pass', 'actuator status UP'],
    [
      'actuator DOWN with components (HTTP 200 does not matter here)',
      ACTUATOR,
      {
        status: 'DOWN',
        components: { db: { status: 'DOWN' }, redis: { status: 'DOWN' }, disk: { status: 'UP' } },
      },
      'actuator',
      'fail',
      'actuator status DOWN: db, redis',
    ],
    [
      'actuator by shape in plain JSON, nested composite',
      'application/json',
      {
        status: 'OUT_OF_SERVICE',
        components: { db: { status: 'DOWN', components: { primary: { status: 'DOWN' } } } },
      },
      'actuator',
      'fail',
      'actuator status OUT_OF_SERVICE: db.primary',
    ],
    [
      'actuator Boot 2.0 details',
      'application/json',
      { status: 'UNKNOWN', details: { mail: { status: 'UNKNOWN' } } },
      'actuator',
      'fail',
      'actuator status UNKNOWN: mail',
    ],
  ])('%s', (_name, contentType, body, format, status, summary) => {
    const reading = readHealth(contentType, JSON.stringify(body));
    expect(reading).toMatchObject({ format, status, summary });
  });

  test('readyz verbose text: [-] lines fail and are named', () => {
    const body =
      '[+]ping ok\n[-]etcd failed: reason withheld\n[-]informer-sync failed\nreadyz check failed\n';
    expect(readHealth('text/plain; charset=utf-8', body)).toEqual({
      format: 'readyz',
      status: 'fail',
      raw: '[-]',
      components: ['etcd', 'informer-sync'],
      summary: 'readyz check failed: [-] etcd, informer-sync',
    });
    expect(readHealth('text/plain', '[+]ping ok\n[+]log ok\nlivez check passed')).toMatchObject({
      status: 'pass',
      summary: 'livez check passed',
    });
    expect(readHealth('', '[+]ping ok\nreadyz check failed')).toMatchObject({ status: 'fail' });
  });

  test.each([
    ['plain JSON without a health status', 'application/json', '{"status":"ok"}'],
    ['JSON with a custom field', 'application/json', '{"healthy":true}'],
    ['plain text', 'text/plain', 'OK'],
    ['HTML', 'text/html', '<html>[+] not a check</html>'],
    ['empty', '', ''],
  ])('no format: %s', (_name, contentType, body) => {
    expect(readHealth(contentType, body)).toBeUndefined();
  });

  test('a health+json body without status fails instead of passing silently', () => {
    expect(interpretHealthJson({ contentType: HEALTH_JSON, body: '{}', json: {} })).toMatchObject({
      status: 'fail',
      summary: 'health+json body has no status field',
    });
    expect(interpretHealthJson({ contentType: 'application/json', body: '{}', json: {} })).toBeUndefined();
  });

  test('actuator content type without JSON fails; readyz ignores JSON', () => {
    expect(interpretActuator({ contentType: ACTUATOR, body: 'oops', json: undefined })).toMatchObject({
      status: 'fail',
    });
    expect(interpretReadyz({ contentType: 'application/json', body: '[]', json: [] })).toBeUndefined();
  });

  test('many failing components are cut after ten', () => {
    const components = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`c${i}`, { status: 'DOWN' }]),
    );
    const reading = readHealth(ACTUATOR, JSON.stringify({ status: 'DOWN', components }));
    expect(reading?.summary).toBe('actuator status DOWN: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 2 more');
    expect(reading?.components).toHaveLength(12);
  });
});
