import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactArgv, redactEnv, redactRecord } from '../../../src/run/redact/redact-record.js';
import { redactText } from '../../../src/run/redact/redact-text.js';

/** A random secret: letters and digits, long enough never to appear by chance elsewhere. */
const secret = fc.stringMatching(/^[A-Za-z0-9]{20,32}$/).filter((s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s));

/** Names the policy calls secret, in the spellings people use. */
const secretWord = fc.constantFrom('password', 'passwd', 'api_key', 'apikey', 'token', 'secret', 'credential', 'credentials', 'private_key', 'webhook', 'access_key', 'client_secret', 'auth_token', 'key', 'passphrase', 'session_token', 'dsn', 'cookie');
const prefix = fc.constantFrom('', 'db', 'wandb', 'my_service', 'aws', 'hf', 'slack', 'x1');
const spelled = (words: string[], style: 'snake' | 'upper' | 'camel' | 'kebab'): string => {
  const parts = words.flatMap((w) => w.split('_')).filter((w) => w !== '');
  switch (style) {
    case 'snake': return parts.join('_');
    case 'upper': return parts.join('_').toUpperCase();
    case 'kebab': return parts.join('-');
    case 'camel': return parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
  }
};
const secretName = fc.tuple(prefix, secretWord, fc.constantFrom<'snake' | 'upper' | 'camel' | 'kebab'>('snake', 'upper', 'camel', 'kebab')).map(([p, w, style]) => spelled([p, w], style));
/** Dotted override keys whose last or a parent segment is secret. */
const secretKeyPath = fc.tuple(fc.constantFrom('', 'model.', 'logger.wandb.', 'db.'), secretName, fc.constantFrom('', '.value', '.file')).map(([a, b, c]) => `${a}${b}${c}`);
const harmlessKey = fc.constantFrom('model.lr', 'data.path', 'repo', 'x', 'logger.project', 'db.host');

/** A token in one of the well-known shapes, built around a random body. */
const tokenShaped = fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{40}$/), fc.stringMatching(/^[A-Z0-9]{16}$/), fc.stringMatching(/^[0-9a-f]{32}$/)).chain(([alnum, upper, hex]) =>
  fc.constantFrom(
    { token: `ghp_${alnum.slice(0, 36)}`, body: alnum.slice(0, 36) },
    { token: `github_pat_${alnum}`, body: alnum },
    { token: `glpat-${alnum.slice(0, 20)}`, body: alnum.slice(0, 20) },
    { token: `xoxb-${alnum.slice(0, 24)}`, body: alnum.slice(0, 24) },
    { token: `sk-proj-${alnum}`, body: alnum },
    { token: `sk_live_${alnum.slice(0, 24)}`, body: alnum.slice(0, 24) },
    { token: `AKIA${upper}`, body: upper },
    { token: `hf_${alnum.slice(0, 34)}`, body: alnum.slice(0, 34) },
    { token: `AIza${alnum.slice(0, 35)}`, body: alnum.slice(0, 35) },
    { token: `npm_${alnum.slice(0, 36)}`, body: alnum.slice(0, 36) },
    { token: `dapi${hex}`, body: hex },
    { token: `SG.${alnum.slice(0, 22)}.${alnum.slice(18, 40)}`, body: alnum.slice(0, 22) },
  ),
);

/** Every place a secret can sit in a record a launch writes, given the secret text. */
type Position = (s: string) => unknown;
const upperSecretName = fc.tuple(prefix, secretWord).map(([p, w]) => spelled([p, w], 'upper'));
const positions: fc.Arbitrary<{ name: string; place: Position }> = fc.tuple(secretKeyPath, secretName, harmlessKey, upperSecretName).chain(([keyPath, name, harmless, upperName]) =>
  fc.constantFrom<{ name: string; place: Position }>(
    { name: 'a secret-named override', place: (s) => ({ job: { overrides: ['lr=1', `${keyPath}=${s}`] } }) },
    { name: 'a secret-named added override', place: (s) => ({ job: { overrides: [`+${keyPath}=${s}`] } }) },
    { name: 'a secret-named sweep', place: (s) => ({ overrides: { task: [`${keyPath}=a,${s}`] } }) },
    { name: 'a quoted secret override', place: (s) => ({ overrides: { task: [`${keyPath}='${s} x'`] } }) },
    { name: 'a nested dict override', place: (s) => ({ overrides: [`${harmless}={user: me, ${name}: ${s}}`] }) },
    { name: 'URL userinfo in an override', place: (s) => ({ overrides: [`+${harmless}=https://me:${s}@host/x`] }) },
    { name: 'URL userinfo as a token user', place: (s) => ({ overrides: [`${harmless}=https://${s}@github.com/o/r.git`] }) },
    { name: 'an override dirname', place: (s) => ({ job: { override_dirname: `lr=1,${keyPath}=${s},seed=2` } }) },
    { name: 'a folder named after overrides', place: (s) => ({ runtime: { output_dir: `/o/sweep/${keyPath}=${s},seed=2` } }) },
    { name: 'a secret-named config key', place: (s) => ({ config: { a: { [name]: s } } }) },
    { name: 'a subtree under a secret-named key', place: (s) => ({ config: { [name]: { user: 'me', value: s, list: [s] } } }) },
    { name: 'a secret-named launcher variable', place: (s) => ({ launcher: { env: { [upperName]: s } } }) },
    { name: 'a secret-named env_set variable', place: (s) => ({ job: { env_set: { [name]: s } } }) },
    { name: 'JSON of overrides in a variable', place: (s) => ({ env: { SPECTRAMIND_OVERRIDES: JSON.stringify(['a=1', `${keyPath}=${s}`]) } }) },
    { name: 'JSON of a config in a variable', place: (s) => ({ env: { SPECTRAMIND_CONFIG_JSON: JSON.stringify({ a: { [name]: s } }) } }) },
    { name: 'a log line', place: (s) => ({ type: 'job:output', line: `starting with ${name}=${s} now` }) },
    { name: 'a list of strings', place: (s) => ({ setup: ['export A=1', `export ${upperName}=${s}`] }) },
  ),
);

describe('the redaction policy hides a secret in every position', () => {
  it('a secret under a secret name or in a URL never reaches the written record', () => {
    fc.assert(
      fc.property(secret, positions, (s, { place }) => {
        expect(JSON.stringify(redactRecord(place(s)))).not.toContain(s);
      }),
      { numRuns: 1500 },
    );
  });

  it('a well-known token shape is hidden in every position, under any name', () => {
    fc.assert(
      fc.property(tokenShaped, harmlessKey, fc.constantFrom('override', 'dict', 'list', 'log', 'env', 'config', 'argv'), ({ token, body }, key, where) => {
        const record = {
          override: { overrides: [`${key}=${token}`] },
          dict: { overrides: [`${key}={a: ${token}}`] },
          list: { overrides: [`${key}=[x, ${token}, y]`] },
          log: { line: `using ${token}.` },
          env: { env: { HARMLESS: token } },
          config: { a: { note: `see ${token}` } },
          argv: { argv: redactArgv(['run', `${key}=${token}`]) },
        }[where];
        expect(JSON.stringify(redactRecord(record))).not.toContain(body);
      }),
      { numRuns: 1500 },
    );
  });

  it('a credential-looking variable is hidden whatever its name', () => {
    // Generated credentials have the variety of random data: here, 24-48 distinct characters.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    const credential = fc
      .uniqueArray(fc.integer({ min: 0, max: alphabet.length - 1 }), { minLength: 24, maxLength: 48 })
      .map((indices) => indices.map((i) => alphabet[i]).join(''))
      .filter((s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s));
    fc.assert(
      fc.property(credential, fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/), (value, name) => {
        expect(JSON.stringify(redactEnv({ [name]: value }))).not.toContain(value);
        expect(JSON.stringify(redactRecord({ env: { [name]: value } }))).not.toContain(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('redaction is idempotent and never grows a harmless override', () => {
    const harmlessOverride = fc.tuple(harmlessKey, fc.stringMatching(/^[a-z0-9.]{1,12}$/)).map(([k, v]) => `${k}=${v}`);
    fc.assert(
      fc.property(harmlessOverride, secret, secretKeyPath, (o, s, k) => {
        expect(redactText(o)).toBe(o);
        const once = redactText(`${k}=${s}`);
        expect(redactText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
