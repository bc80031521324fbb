import { describe, expect, it } from 'vitest';
import { createRecordRedactor, redactArgv, redactEnv, redactRecord } from '../../../src/run/redact/redact-record.js';
import { redactText } from '../../../src/run/redact/redact-text.js';
import { REDACTED, SECRET_VERDICT_MEMO_NAMES, isSecretName, looksLikeToken } from '../../../src/run/redact/secret-patterns.js';

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
    'db.pwd',
    'smtp_pass',
    'apiKey',
    'HFTOKEN',
    'slack_webhook_url',
    'client_secret',
    'private_key',
    'jwt',
    'STRIPE_KEY',
  ])('treats %s as secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['PATH', 'HOME', 'USER', 'PWD', 'OLDPWD', 'LANG', 'CUDA_VISIBLE_DEVICES', 'SLURM_JOB_ID', 'NODE_OPTIONS', 'TERM', 'KEYBOARD', 'AUTHOR', 'max_tokens', 'max_new_tokens', 'tokenizer', 'model.tokenizer_name', 'XAUTHORITY', 'bypass'])('treats %s as harmless', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('redactText', () => {
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
    expect(redactText(text)).toBe(expected);
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

describe('redactRecord', () => {
  it('redacts secret-named keys at any depth, whole subtrees included', () => {
    const config = {
      partition: 'gpu',
      setup: ['export X=1', 'git clone https://u:tok@host/r'],
      kaggle: { username: 'me', key: 'abc' },
      credentials: { user: 'x', pass: 'y' },
      token: null,
      api_key: '',
    };
    expect(redactRecord(config)).toEqual({
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
    redactRecord(config);
    expect(config).toEqual({ token: 'abc' });
  });
});

const GH = 'ghp_0123456789abcdefghijABCDEFGHIJ0123';

describe('redactText on overrides', () => {
  it.each([
    ['a secret-named key', 'wandb.api_key=abc123', `wandb.api_key=${REDACTED}`],
    ['an added secret key with a sweep', '+db.password=a,b,c', `+db.password=${REDACTED}`],
    ['a secret-named parent key', 'credentials.user=alice', `credentials.user=${REDACTED}`],
    ['a dict value under a secret key', 'creds={user: a, pass: b}', `creds=${REDACTED}`],
    ['a nested secret key in a dict', 'db={user: alice, password: hunter2, port: 5432}', `db={user: alice, password: ${REDACTED}, port: 5432}`],
    ['a nested dict under a nested secret key', 'db={password: {a: 1, b: 2}, port: 1}', `db={password: ${REDACTED}, port: 1}`],
    ['URL userinfo in a value', '+db.url=https://user:pass@host/x', `+db.url=https://${REDACTED}@host/x`],
    ['a token shape under a harmless key', `repo.auth_hint=${GH}`, `repo.auth_hint=${REDACTED}`],
    ['a token shape in a list', `x=[a, ${GH}]`, `x=[a, ${REDACTED}]`],
  ])('redacts %s', (_name, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    ['an ordinary override', 'model.lr=0.001'],
    ['a token count', 'model.max_new_tokens=256'],
    ['a tokenizer', 'data.tokenizer=bpe'],
    ['a secret read from the environment', 'wandb.api_key=${oc.env:WANDB_API_KEY}'],
    ['a group choice', 'hydra/launcher=slurm'],
    ['a delete without value', '~db.password'],
    ['an empty secret', 'db.password='],
  ])('keeps %s', (_name, text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText on free text', () => {
  it.each([
    ['an override dirname', 'a=1,db.password=hunter2,seed=3', `a=1,db.password=${REDACTED},seed=3`],
    ['a folder named after overrides (to the end: a value may hold "/")', '/o/sweep/lr=0.1,wandb.api_key=abc/x', `/o/sweep/lr=0.1,wandb.api_key=${REDACTED}`],
    ['JSON inside a string', '{"api_key":"abc","n":1}', `{"api_key":${REDACTED},"n":1}`],
    ['a query string', 'https://h/x?token=abc&y=1', `https://h/x?token=${REDACTED}&y=1`],
    ['an Azure SAS signature', 'https://a.blob.core.windows.net/c?sv=1&sig=AbC%2Bd', `https://a.blob.core.windows.net/c?sv=1&sig=${REDACTED}`],
    ['a bearer header', 'Authorization: Bearer abc.def-123', `Authorization: ${REDACTED} ${REDACTED}`],
    ['a Slack webhook', 'post to https://hooks.slack.com/services/T000/B000/XXXX now', `post to https://hooks.slack.com/services/${REDACTED} now`],
    ['a PEM private key', 'k=-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- done', `k=${REDACTED} done`],
    ['a log line with a password', 'connecting with password=hunter2 to db', `connecting with password=${REDACTED} to db`],
  ])('redacts %s', (_name, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    ['a path', '/home/me/logs/multiruns/2024-01-01/12-00-00/3'],
    ['an e-mail address', 'me@example.com'],
    ['a task name that contains sk-', 'task-12345678901234567890123'],
    ['basic information', 'Basic information about tokens: 12'],
    ['a time of day', '12:30:45'],
  ])('keeps %s', (_name, text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('token shapes', () => {
  it.each([
    ['GitHub', GH],
    ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'],
    ['GitLab', 'glpat-abcdefghij0123456789'],
    ['Slack', 'xoxb-1234567890-abcdefghij'],
    ['OpenAI', 'sk-proj-abcdefghijklmnopqrstuvwx'],
    ['Anthropic', 'sk-ant-api03-abcdefghijklmnopqrst'],
    ['Stripe', 'sk_live_abcdefghij0123'],
    ['AWS', 'AKIAIOSFODNN7EXAMPLE'],
    ['Hugging Face', 'hf_abcdefghijklmnopqrstuvwxyz'],
    ['Google', 'AIzaSyA-abcdefghijklmnopqrstuvwxyz01234'],
    ['npm', 'npm_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig-nature_x'],
  ])('redacts a %s token anywhere in a value', (_name, token) => {
    expect(redactText(`prefix ${token} suffix`)).toBe(`prefix ${REDACTED} suffix`);
  });
});

describe('values that look like credentials', () => {
  it.each([
    ['32 random characters', 'q8Zr2LxK7pWm4TnB9vYc3HdF6sJa1GeU', true],
    ['a 40-hex key', '3f786850e387550fdab836ed7e6dc881de23001b', true],
    ['a base64 secret', 'dGhpcyBpcyBhIHNlY3JldCB2YWx1ZSAxMjM0NQ==', true],
    ['a short value', 'abc123', false],
    ['a path list', '/usr/local/bin:/usr/bin:/bin', false],
    ['a long word without digits', 'this_is_a_rather_long_setting_name', false],
    ['a path', 'relative/path/to/file_2024_01_01.txt', false],
    ['a path without dots', 'checkpoints/run42/epoch10/model_best', false],
  ])('%s: %s', (_name, value, expected) => {
    expect(looksLikeToken(value)).toBe(expected);
  });

  it('redacts a credential-looking variable whatever its name', () => {
    expect(redactEnv({ MY_SERVICE: 'q8Zr2LxK7pWm4TnB9vYc3HdF6sJa1GeU', CUDA_VISIBLE_DEVICES: '0,1' })).toEqual({ CUDA_VISIBLE_DEVICES: '0,1', MY_SERVICE: REDACTED });
  });
});

describe('redactRecord', () => {
  it('judges variables under env and env_set by name and by look, and keeps their order', () => {
    const record = { launcher: { env: { Z: 'q8Zr2LxK7pWm4TnB9vYc3HdF6sJa1GeU', A: 'plain', HF_TOKEN: 'x' } }, job: { env_set: { URL: 'https://u:p@h' } } };
    const out = redactRecord(record);
    expect(out).toEqual({ launcher: { env: { Z: REDACTED, A: 'plain', HF_TOKEN: REDACTED } }, job: { env_set: { URL: `https://${REDACTED}@h` } } });
    expect(Object.keys(out.launcher.env)).toEqual(['Z', 'A', 'HF_TOKEN']);
  });

  it('keeps flags, numbers of harmless keys and class instances', () => {
    const date = new Date(0);
    expect(redactRecord({ use_auth: true, n: 3, when: date, token: 5 })).toEqual({ use_auth: true, n: 3, when: date, token: REDACTED });
  });

  it('redacts the overrides of an event', () => {
    const event = { type: 'job:end', job: { num: 0, overrides: ['lr=1', 'wandb.api_key=abc'], outputDir: '/o/0' } };
    expect(redactRecord(event).job.overrides).toEqual(['lr=1', `wandb.api_key=${REDACTED}`]);
  });
});

describe('createRecordRedactor', () => {
  it('redacts each of many records as redactRecord does, names it judged before included', () => {
    const redact = createRecordRedactor();
    const records = [
      { job: { num: 0, overrides: ['wandb.api_key=abc'] }, token: 5, env: { GITHUB_TOKEN: 'x', HOME: '/h' }, result: { apiKey: 'k', loss: 1 } },
      { job: { num: 1, overrides: ['lr=2'] }, token: 6, env: { GITHUB_TOKEN: 'y', HOME: '/h' }, result: { apiKey: 'k2', loss: 2, url: 'https://u:p@h/x' } },
    ];
    for (const record of [...records, ...records]) expect(redact(record)).toEqual(redactRecord(record));
  });

  it('still judges every name once the memory of verdicts is full', () => {
    const redact = createRecordRedactor();
    const many = Object.fromEntries(Array.from({ length: SECRET_VERDICT_MEMO_NAMES + 10 }, (_, i) => [`k${i}`, i]));
    expect(redact(many)).toEqual(many);
    expect(redact({ ...many, password: 'p' })).toMatchObject({ password: REDACTED, k0: 0 });
  });
});

describe('redactArgv', () => {
  it('hides flag values and secret overrides', () => {
    expect(redactArgv(['spectramind', '--api-key=abc', '--token', 'abc', '-m', 'db.password=x', `repo=${GH}`, '--api-key='])).toEqual([
      'spectramind', `--api-key=${REDACTED}`, '--token', REDACTED, '-m', `db.password=${REDACTED}`, `repo=${REDACTED}`, '--api-key=',
    ]);
  });
});
