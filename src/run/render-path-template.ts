import { checkPathValue } from './check-sub-path.js';
import { formatStrftime } from './format-strftime.js';
import { TemplateError } from './template-error.js';

/** What `${...}` in a path template can refer to. */
export interface PathTemplateVars {
  /** The launch's start time, for `${now:<strftime>}`. */
  readonly now: Date;
  /** The `hydra` node: `${hydra.job.num}` and `${hydra:job.num}` look up `job.num` here. */
  readonly hydra: Readonly<Record<string, unknown>>;
  /** The job's config, for keys outside `hydra` (e.g. `${model.name}`). @default {} */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Interpolations nest through string values (`sweep.dir` holding `${now:...}`); deeper than this is a cycle. */
const MAX_DEPTH = 16;

/**
 * Renders a Hydra output-path template such as `logs/runs/${now:%Y-%m-%d}/${now:%H-%M-%S}` or
 * `${hydra.sweep.dir}/${hydra.sweep.subdir}`. String values found by a lookup are rendered in turn;
 * `\${` stays a literal `${`. Throws a `TemplateError` (code `ERR_TEMPLATE`) naming the template
 * and the key for an unknown key, resolver or directive, and an `OutputPathError` when a value the
 * job controls (`hydra.job.*`, config keys) is absolute or holds `..` or NUL.
 */
export function renderPathTemplate(template: string, vars: PathTemplateVars): string {
  return render(template, vars, template, 0);
}

function render(text: string, vars: PathTemplateVars, root: string, depth: number): string {
  if (depth > MAX_DEPTH) {
    throw new TemplateError(root, `The path template ${JSON.stringify(root)} refers to itself (interpolations nest deeper than ${MAX_DEPTH}). Break the cycle.`);
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start === -1) return out + text.slice(i);
    if (text[start - 1] === '\\') {
      out += `${text.slice(i, start - 1)}\${`;
      i = start + 2;
      continue;
    }
    const end = text.indexOf('}', start + 2);
    if (end === -1) {
      throw new TemplateError(root, `Unclosed "\${" at position ${start} of the path template ${JSON.stringify(text)}: add the closing "}" (or write "\\\${" for a literal).`);
    }
    out += text.slice(i, start) + resolve(text.slice(start + 2, end).trim(), vars, root, depth);
    i = end + 1;
  }
  return out;
}

function resolve(expression: string, vars: PathTemplateVars, root: string, depth: number): string {
  const colon = expression.indexOf(':');
  if (colon !== -1) {
    const resolver = expression.slice(0, colon).trim();
    const argument = unquote(expression.slice(colon + 1).trim());
    if (resolver === 'now') return formatStrftime(argument, vars.now);
    if (resolver === 'hydra') return lookup(['hydra', ...argument.split('.')], vars, root, depth);
    throw new TemplateError(
      root,
      `Unknown resolver "${resolver}" in \${${expression}} of the path template ${JSON.stringify(root)}. ` +
        'Path templates support ${now:<strftime>}, ${hydra:<key>} and ${<dotted.key>}.',
    );
  }
  return lookup(expression.split('.'), vars, root, depth);
}

function lookup(path: readonly string[], vars: PathTemplateVars, root: string, depth: number): string {
  const [head, ...rest] = path;
  let node: unknown = head === 'hydra' ? vars.hydra : vars.config ?? {};
  const keys = head === 'hydra' ? rest : path;
  const walked: string[] = head === 'hydra' ? ['hydra'] : [];
  for (const key of keys) {
    if (!isRecord(node) || !Object.hasOwn(node, key) || node[key] === undefined) {
      const where = walked.length === 0 ? 'the config' : walked.join('.');
      const known = isRecord(node) ? Object.keys(node) : [];
      throw new TemplateError(
        root,
        `Unknown key "${path.join('.')}" in the path template ${JSON.stringify(root)}: ` +
          (known.length > 0 ? `${where} has ${known.join(', ')}. ` : `${where} has no keys. `) +
          'Fix the key in the template, or set it before rendering.',
      );
    }
    node = node[key];
    walked.push(key);
  }
  const text = scalarText(node, path.join('.'), vars, root, depth);
  // The job's own values (name, override dirname, config) may not steer the folder elsewhere.
  return head !== 'hydra' || keys[0] === 'job' ? checkPathValue(text, walked.join('.'), root) : text;
}

/** How OmegaConf writes a value inside a string: Python's `str()`. */
function scalarText(value: unknown, key: string, vars: PathTemplateVars, root: string, depth: number): string {
  switch (typeof value) {
    case 'string':
      return render(value, vars, root, depth + 1);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      if (value === null) return 'None';
      if (isRecord(value) && !Array.isArray(value) && value.toString !== Object.prototype.toString) return String(value);
      throw new TemplateError(
        root,
        `The key "${key}" in the path template ${JSON.stringify(root)} holds ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a node' : `a ${typeof value}`}; ` +
          'a path needs a string, number or boolean there.',
      );
  }
}

function unquote(text: string): string {
  const first = text[0];
  return text.length >= 2 && (first === "'" || first === '"') && text.endsWith(first) ? text.slice(1, -1) : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
