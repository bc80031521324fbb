import { PRIVATE_KEY_BLOCK, REDACTED, TOKEN_SHAPE, isSecretName } from './secret-patterns.js';

/** An override's head: `+db.password=`, `~a@pkg=`, `wandb/api_key=` (Hydra's key grammar, loosely). */
const OVERRIDE_HEAD = /^(\s*[+~]{0,2}\s*)([A-Za-z0-9_$./-]+)(@[A-Za-z0-9_$./-]*)?(\s*=\s*)/;

/** `scheme://userinfo@`: a URL carrying a user, a password or a token. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** URLs whose path is the secret (chat webhooks). */
const WEBHOOK_URL = /(https?:\/\/(?:hooks\.slack\.com\/(?:services|workflows)|(?:discord(?:app)?\.com|[a-z0-9.-]*\.office\.com)\/(?:api\/)?webhooks?))\/[^\s'"<>]+/gi;

/** `Authorization: Bearer <token>` / `Basic <base64>` in headers and logs (Basic only when it looks encoded). */
const AUTH_SCHEME = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*|\b(Basic\s+)(?=[A-Za-z]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/g;

/**
 * `name=value` / `name: value` / `"name": "value"` inside free text (override dirnames, argv,
 * query strings, log lines). Only names the policy calls secret lose their value.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_$])([A-Za-z_$][A-Za-z0-9_$./-]*)(["']?\s*[=:]\s*)/g;

/** True when a value is nothing but interpolations (`${oc.env:KEY}`): no secret is in it. */
function isInterpolationOnly(value: string): boolean {
  return /^(\$\{[^}]*\})+$/.test(value.trim());
}

/** True when any segment of a dotted or slashed key is a secret name (`db.password`, `creds.user`). */
export function isSecretKeyPath(key: string): boolean {
  if (isSecretName(key)) return true;
  // Most keys are one segment (`seed`): no split, no array per call.
  return /[./@]/.test(key) && key.split(/[./@]/).some((segment) => segment !== '' && isSecretName(segment));
}

/**
 * End of an assigned value starting at `from`: a quoted string, a balanced `{...}` / `[...]`,
 * or a run up to a delimiter (blank, `,;&` or a closing bracket).
 */
function valueEnd(text: string, from: number): number {
  const first = text[from];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, from + 1);
    return close < 0 ? text.length : close + 1;
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = from;
  while (i < text.length && !/[\s,;&}\])"']/.test(text[i] as string)) i++;
  return i;
}

function redactAssignments(text: string): string {
  if (!text.includes('=') && !text.includes(':')) return text;
  let out = '';
  let last = 0;
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const name = m[1] as string;
    const start = m.index + m[0].length;
    if (!isSecretKeyPath(name.replace(/^[./]+|[./]+$/g, '')) || text.startsWith('//', start)) continue;
    const end = valueEnd(text, start);
    const value = text.slice(start, end);
    if (end === start || isInterpolationOnly(value) || value === REDACTED) continue;
    out += text.slice(last, start) + REDACTED;
    last = end;
    ASSIGNMENT.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Redacts what a piece of text shows of a secret: URL userinfo, webhooks, auth headers, PEM keys, token shapes, secret-named assignments. */
function redactFreeText(text: string): string {
  let out = text;
  if (out.includes('://')) out = out.replace(URL_USERINFO, `$1${REDACTED}@`).replace(WEBHOOK_URL, `$1/${REDACTED}`);
  if (out.includes('PRIVATE KEY-----')) out = out.replace(PRIVATE_KEY_BLOCK, REDACTED);
  out = out.replace(AUTH_SCHEME, (_m, bearer: string | undefined, basic: string | undefined) => `${bearer ?? basic ?? ''}${REDACTED}`);
  out = out.replace(TOKEN_SHAPE, REDACTED);
  return redactAssignments(out);
}

/**
 * The one text redaction of the policy. An override whose key (any segment) is a secret name
 * keeps its head and loses its whole value (`wandb.api_key=<redacted>`, sweeps included),
 * unless the value is only an interpolation (`${oc.env:WANDB_API_KEY}`). Any other text
 * loses URL userinfo, webhook paths, auth header values, PEM private keys, well-known token
 * shapes and the values of secret-named assignments inside it (`{user: a, password: <redacted>}`).
 */
export function redactText(text: string): string {
  const head = OVERRIDE_HEAD.exec(text);
  if (head !== null) {
    const key = head[2] as string;
    const value = text.slice(head[0].length);
    if (isSecretKeyPath(key) && value !== '' && !isInterpolationOnly(value)) return `${head[0]}${REDACTED}`;
    return head[0] + redactFreeText(value);
  }
  return redactFreeText(text);
}
