import { describe, expect, it } from 'vitest';
import { redactEnv } from '../../src/run/metadata/redact-env.js';
import { REDACTED, isSecretName, redactSecretText, redactSecrets } from '../../src/run/metadata/redact-secrets.js';

describe('isSecretName', () => {
  it.each([
    'GITHUB_TOKEN',
    'HF_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'WANDB_API_KEY',
    'KAGGLE_KEY',
    'apikey',
    'PGPASSWORD',
    'MYSQL_PWD_PASSWD',
    'GPG_PASSPHRASE',
    'HTTP_AUTHORIZATION',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BROWSER_COOKIE',
    'sessionId',
    'SSH_PRIVATE',
    'AZURE_STORAGE_CONNECTION_STRING',
    'SENTRY_DSN',
    'db_password',
  ])('treats %s as secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['PATH', 'HOME', 'USER', 'PWD', 'LANG', 'CUDA_VISIBLE_DEVICES', 'SLURM_JOB_ID', 'NODE_OPTIONS', 'TERM'])('treats %s as harmless', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('redactSecretText', () => {
  it.each([
    { name: 'user and password in a URL', text: 'postgres://bob:hunter2@db:5432/x', expected: `postgres://${REDACTED}@db:5432/x` },
    { name: 'a token as URL user', text: 'https://ghp_abc@github.com/o/r.git', expected: `https://${REDACTED}@github.com/o/r.git` },
    { name: 'several URLs in one value', text: 'a=http://u:p@h1 b=https://v:q@h2/x', expected: `a=http://${REDACTED}@h1 b=https://${REDACTED}@h2/x` },
    { name: 'a GitHub token by its shape', text: 'ghp_0123456789abcdefghijABCDEFGHIJ', expected: REDACTED },
    { name: 'an AWS access key id by its shape', text: 'id=AKIAIOSFODNN7EXAMPLE', expected: `id=${REDACTED}` },
    { name: 'a Hugging Face token by its shape', text: 'hf_abcdefghijklmnopqrstuvwxyz', expected: REDACTED },
    { name: 'a URL without credentials', text: 'https://example.com/a@b', expected: 'https://example.com/a@b' },
    { name: 'an e-mail address', text: 'me@example.com', expected: 'me@example.com' },
    { name: 'plain text', text: '/usr/bin:/bin', expected: '/usr/bin:/bin' },
  ])('handles $name', ({ text, expected }) => {
    expect(redactSecretText(text)).toBe(expected);
  });
});

describe('redactEnv', () => {
  it('redacts values by name, case-insensitively, and keeps the rest', () => {
    expect(
      redactEnv({
        PATH: '/usr/bin',
        GITHUB_TOKEN: 'ghp_x',
        wandb_api_key: 'k',
        DATABASE_URL: 'postgres://u:p@h/db',
        EMPTY_SECRET: '',
        UNSET: undefined,
      }),
    ).toEqual({
      DATABASE_URL: `postgres://${REDACTED}@h/db`,
      EMPTY_SECRET: '',
      GITHUB_TOKEN: REDACTED,
      PATH: '/usr/bin',
      wandb_api_key: REDACTED,
    });
  });

  it('returns keys sorted and never the input object', () => {
    const env = { B: '1', A: '2' };
    const out = redactEnv(env);
    expect(Object.keys(out)).toEqual(['A', 'B']);
    expect(out).not.toBe(env);
  });

  it('redacts every secret of the real environment shape', () => {
    const out = redactEnv({ ...process.env, MY_TEST_TOKEN: 'value-1', MY_TEST_SECRET_PATH: 'value-2' });
    expect(out.MY_TEST_TOKEN).toBe(REDACTED);
    expect(out.MY_TEST_SECRET_PATH).toBe(REDACTED);
    expect(JSON.stringify(out)).not.toContain('value-1');
  });
});

describe('redactSecrets', () => {
  it('redacts secret-named keys at any depth, whole subtrees included', () => {
    const config = {
      partition: 'gpu',
      setup: ['export X=1', 'git clone https://u:tok@host/r'],
      kaggle: { username: 'me', key: 'abc' },
      credentials: { user: 'x', pass: 'y' },
      token: null,
      api_key: '',
    };
    expect(redactSecrets(config)).toEqual({
      partition: 'gpu',
      setup: ['export X=1', `git clone https://${REDACTED}@host/r`],
      kaggle: { username: 'me', key: REDACTED },
      credentials: REDACTED,
      token: null,
      api_key: '',
    });
  });

  it('does not change its input', () => {
    const config = { token: 'abc' };
    redactSecrets(config);
    expect(config).toEqual({ token: 'abc' });
  });
});
