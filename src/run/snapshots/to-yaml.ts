import { IntegralFloat } from '../../overrides/to-config-value.js';
import { yamlFloat, yamlString } from './yaml-scalar.js';

/** A value as the writer sees it: a mapping, a sequence or a scalar's text. */
export type YamlNode = { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [unknown, unknown]> } | { readonly kind: 'seq'; readonly items: readonly unknown[] } | { readonly kind: 'scalar'; readonly text: string };

/**
 * The one YAML writer of every snapshot (`config.yaml`, `overrides.yaml`, `hydra.yaml`,
 * `multirun.yaml`), in OmegaConf.to_yaml's look: block style, 2-space indent, sequences not
 * indented under their key, keys in insertion order, PyYAML's quoting (YAML 1.1 look-alikes such
 * as `'y'`, `'on'`, `'1.0'` quoted), no line folding. Ints (safe-integer numbers, bigints) print as
 * ints; other numbers and `IntegralFloat`s as Python floats (`0.5`, `1.0`, `1.0e-05`, `.inf`);
 * `undefined` entries are left out; a `Map` keeps its order; a `Date` prints as ISO 8601.
 * Hand-written rather than the `yaml` package: snapshots are written for every job, and this is
 * about 20 times faster.
 */
export function toYaml(value: unknown, memo?: YamlMemo): string {
  const lines: string[] = [];
  const node = classifyIn(value, memo);
  if (node.kind === 'scalar') return `${node.text}\n`;
  emit(node, 0, lines, memo);
  return `${lines.join('\n')}\n`;
}

/**
 * Objects that stay the same across many `toYaml` calls (a launch's launcher node in every job's
 * `hydra.yaml`), each rendered once per indent and reused. Only the objects given are kept, and
 * they must not change while the memo is used.
 */
export type YamlMemo = ReadonlyMap<object, { node: YamlNode | null; readonly lines: Map<number, readonly string[]> }>;

/** A memo of the given objects' texts (see {@link YamlMemo}). */
export function createYamlMemo(objects: Iterable<object>): YamlMemo {
  return new Map([...objects].map((object) => [object, { node: null, lines: new Map<number, readonly string[]>() }]));
}

function classifyIn(value: unknown, memo: YamlMemo | undefined): YamlNode {
  const kept = memo !== undefined && typeof value === 'object' && value !== null ? memo.get(value) : undefined;
  if (kept === undefined) return classify(value);
  kept.node ??= classify(value);
  return kept.node;
}

/** Appends the lines of a non-empty collection at `indent` (those of a memo's object from the memo). */
function emitValue(value: unknown, node: Exclude<YamlNode, { kind: 'scalar' }>, indent: number, lines: string[], memo: YamlMemo | undefined): void {
  const kept = memo !== undefined && typeof value === 'object' && value !== null ? memo.get(value) : undefined;
  if (kept === undefined) return emit(node, indent, lines, memo);
  let own = kept.lines.get(indent);
  if (own === undefined) {
    const rendered: string[] = [];
    emit(node, indent, rendered, memo);
    kept.lines.set(indent, rendered);
    own = rendered;
  }
  for (const line of own) lines.push(line);
}

/** Appends the lines of a non-empty collection at `indent`. */
function emit(node: Exclude<YamlNode, { kind: 'scalar' }>, indent: number, lines: string[], memo: YamlMemo | undefined): void {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    for (const [key, value] of node.entries) {
      const head = `${pad}${scalarText(key)}:`;
      const child = classifyIn(value, memo);
      if (child.kind === 'scalar') lines.push(`${head} ${child.text}`);
      else {
        lines.push(head);
        // PyYAML indents a mapping under its key but not a sequence.
        emitValue(value, child, child.kind === 'map' ? indent + 2 : indent, lines, memo);
      }
    }
    return;
  }
  for (const item of node.items) {
    const child = classifyIn(item, memo);
    if (child.kind === 'scalar') {
      lines.push(`${pad}- ${child.text}`);
      continue;
    }
    // The item's first line shares the dash's line: `- a: 1` / `- - 1`.
    const start = lines.length;
    emitValue(item, child, indent + 2, lines, memo);
    lines[start] = `${pad}- ${lines[start]!.slice(indent + 2)}`;
  }
}

function classify(value: unknown): YamlNode {
  switch (typeof value) {
    case 'string':
      return { kind: 'scalar', text: yamlString(value) };
    case 'number':
      // Ints beyond 2^53 arrive as bigints (see ConfigValue), so an unsafe integral number is a float.
      return { kind: 'scalar', text: Number.isSafeInteger(value) ? String(value) : yamlFloat(value) };
    case 'bigint':
    case 'boolean':
      return { kind: 'scalar', text: String(value) };
    case 'object':
      return value === null ? { kind: 'scalar', text: 'null' } : classifyObject(value);
    default:
      return { kind: 'scalar', text: 'null' };
  }
}

function classifyObject(value: object): YamlNode {
  if (value instanceof IntegralFloat) return { kind: 'scalar', text: yamlFloat(value.value) };
  if (value instanceof Date) return { kind: 'scalar', text: yamlString(value.toISOString()) };
  if (Array.isArray(value)) return value.length === 0 ? { kind: 'scalar', text: '[]' } : { kind: 'seq', items: value };
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return classify(toJSON.call(value));
  const all = value instanceof Map ? Array.from(value as Map<unknown, unknown>) : Object.entries(value);
  const entries = all.filter(([, item]) => item !== undefined);
  return entries.length === 0 ? { kind: 'scalar', text: '{}' } : { kind: 'map', entries };
}

/** A mapping key: scalars as themselves, anything else as its JSON text (quoted). */
function scalarText(key: unknown): string {
  const node = classify(key);
  return node.kind === 'scalar' ? node.text : yamlString(JSON.stringify(key));
}
