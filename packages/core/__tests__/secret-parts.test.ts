import { describe, expect, test } from '@jest/globals';
import { Redactor, runSecrets } from '../src/redact.js';
import { looksLikeCredential, secretForms, secretParts } from '../src/secret-parts.js';

const TOKEN = 'Hk7vQ2mX9pLr4TzW8bNc';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const DELIVERY = 'msg_0123456789abcdef0123456789abcdef';

describe('secretParts: which parts of a secret are registered', () => {
  const cases: Array<{
    name: string;
    value: string;
    kind: Parameters<typeof secretParts>[1];
    registered: string[];
    not: string[];
  }> = [
    {
      name: 'a path-segment token, not the short segments around it',
      value: `https://hooks.example.com/hooks/${TOKEN}/deploy`,
      kind: 'url',
      registered: [`https://hooks.example.com/hooks/${TOKEN}/deploy`, `/hooks/${TOKEN}/deploy`, TOKEN],
      not: ['hooks', 'deploy', 'hooks.example.com'],
    },
    {
      name: 'userinfo halves and the pair',
      value: 'https://relgate:Pw7sEcReT-9xQ@hooks.example.com/x',
      kind: 'url',
      registered: ['Pw7sEcReT-9xQ', 'relgate:Pw7sEcReT-9xQ'],
      not: ['relgate'],
    },
    {
      name: 'a query value named like a credential, raw and decoded',
      value: 'https://hooks.example.com/x?env=staging&sig=ab%2Bcd%2Fef12',
      kind: 'url',
      registered: ['ab%2Bcd%2Fef12', 'ab+cd/ef12'],
      not: ['staging', 'env=staging'],
    },
    {
      name: 'a credential-looking query value under any name',
      value: `https://hooks.example.com/x?id=${TOKEN}`,
      kind: 'url',
      registered: [TOKEN],
      not: [],
    },
    {
      name: 'a host-label token as written and lower-cased; never the domain',
      value: `https://${TOKEN}.hooks.example.com/`,
      kind: 'url',
      registered: [TOKEN, TOKEN.toLowerCase()],
      not: ['hooks', 'example'],
    },
    {
      name: 'word-like labels and segments are names, not credentials',
      value: 'https://hooks-example-production.example.com/internal-release-gate-callbacks',
      kind: 'public-url',
      registered: [],
      not: ['hooks-example-production', 'internal-release-gate-callbacks'],
    },
    {
      name: 'our own delivery ids, shas and versions in a status URL are never parts',
      value: `https://hooks.example.com/status/${DELIVERY}/${SHA}/v1.4.2-rc.1`,
      kind: 'url',
      registered: [],
      not: [DELIVERY, SHA, 'v1.4.2-rc.1'],
    },
    {
      name: 'a public URL gives only its credential parts, never itself',
      value: `https://shop.example.com/healthz?token=${TOKEN}`,
      kind: 'public-url',
      registered: [TOKEN],
      not: ['https://shop.example.com/healthz', '/healthz'],
    },
    {
      name: 'a signing secret and its key',
      value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      kind: 'auto',
      registered: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      not: ['whsec_'],
    },
    {
      name: 'a bearer token without its scheme',
      value: 'Bearer tok_deploy_8c1f5e2a9d',
      kind: 'token',
      registered: ['Bearer tok_deploy_8c1f5e2a9d', 'tok_deploy_8c1f5e2a9d'],
      not: ['Bearer'],
    },
    {
      name: 'a short value is registered whole but gives no parts',
      value: 'https://a.io/x?key=short',
      kind: 'url',
      registered: ['https://a.io/x?key=short'],
      not: ['short'],
    },
  ];
  test.each(cases)('$name', ({ value, kind, registered, not }) => {
    const parts = secretParts(value, kind);
    for (const part of registered) expect(parts).toContain(part);
    for (const part of not) expect(parts).not.toContain(part);
    for (const part of parts) if (part !== value) expect(part.length).toBeGreaterThanOrEqual(8);
  });

  test('a value named as our own (the delivery id a status URL carries) is never a part', () => {
    const own = 'shop-prod-4711-Zq9x8c7v6b';
    expect(secretParts(`https://hooks.example.com/status/${own}`, 'url', [own])).not.toContain(own);
    expect(secretParts(`https://hooks.example.com/status/${own}`, 'url')).toContain(own);
  });
});

describe('looksLikeCredential', () => {
  test.each([
    [TOKEN, true],
    ['k9x2m4p7q1w8e5r3t6', true],
    ['Hk7vQ2mX9pLr4Tz', false], // 15 characters
    ['aaaaaaaaaaaaaaaa1', false], // low entropy
    ['hooks-example-production', false],
    ['release-gate-callbacks', false],
  ])('%s -> %s', (text, expected) => expect(looksLikeCredential(text)).toBe(expected));
});

describe('Redactor: every form of every part', () => {
  test('raw, percent-encoded, JSON-escaped and any case', () => {
    const redactor = new Redactor();
    redactor.add(`https://hooks.example.com/x?token=Qt7ab+cd/ef${TOKEN}`);
    const part = `Qt7ab+cd/ef${TOKEN}`;
    for (const form of [
      part,
      encodeURIComponent(part),
      JSON.stringify(part).slice(1, -1),
      part.toLowerCase(),
    ]) {
      expect(redactor.redact(`echo: ${form}.`)).toBe('echo: ***.');
    }
    expect(secretForms(part)).toContain(encodeURIComponent(part));
  });

  test('a delivery id and a sha next to a secret stay readable', () => {
    const redactor = new Redactor();
    redactor.add(`https://hooks.example.com/${TOKEN}/status/${DELIVERY}`);
    expect(redactor.redact(`${TOKEN} ${DELIVERY} ${SHA}`)).toBe(`*** ${DELIVERY} ${SHA}`);
  });

  test("the run's secrets leave values under 8 characters to the runner's mask", () => {
    runSecrets.clear();
    runSecrets.add('short');
    expect(runSecrets.redact('is too short')).toBe('is too short');
    runSecrets.add(TOKEN);
    expect(runSecrets.redact(`a ${TOKEN.toUpperCase()}`)).toBe('a ***');
    runSecrets.clear();
  });
});
