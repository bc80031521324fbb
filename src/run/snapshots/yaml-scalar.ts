import { formatPythonFloat } from '../../overrides/python-float.js';

/**
 * Plain text a YAML 1.1 reader (PyYAML, OmegaConf, `yaml` in 1.1 mode) or a YAML 1.2 reader would
 * take for something other than a string: bools (with 1.1's y/n/yes/no/on/off), null, ints (binary,
 * octal, hex, sexagesimal), floats (with or without a dot), timestamps, `<<` and `=`.
 */
const IMPLICIT = [
  /^(?:y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|(?:0|[1-9][0-9_]*)|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
  /^(?:<<|=)$/,
];

/**
 * True for characters YAML cannot hold raw (controls, DEL, C1, BOM, lone surrogates, YAML 1.1's
 * line separators) or plain text cannot hold (tab, line breaks): those strings get double quotes.
 */
function needsDoubleQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
/** PyYAML's block-plain rules: no indicator first, no `: ` or ` #`, no `:` at the end, no edge spaces. */
const NOT_PLAIN = /^[#,[\]{}&*!|>'"%@`]|^[-?:](?: |$)|: |:$| #|^ | $/;

/** Words, paths and dotted names: plain unless a 1.1 bool or null word (checked first: most strings are these). */
const SIMPLE = /^[A-Za-z_/][\w./-]*$/;
const WORDS = new Set(['y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL']);

/** A string as PyYAML writes it in block style: plain when safe, else single-quoted, else double-quoted. */
export function yamlString(text: string): string {
  if (SIMPLE.test(text)) return WORDS.has(text) ? `'${text}'` : text;
  if (needsDoubleQuotes(text)) return doubleQuoted(text);
  if (text === '' || NOT_PLAIN.test(text) || IMPLICIT.some((pattern) => pattern.test(text))) return `'${text.replaceAll("'", "''")}'`;
  return text;
}

/** JSON's escapes are YAML's; the characters JSON leaves raw but YAML cannot hold are escaped too. */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** PyYAML's float representer: `repr()`, `.0` added to a bare exponent (`1e-05` -> `1.0e-05`), `.inf`, `.nan`. */
export function yamlFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const text = formatPythonFloat(value);
  return !text.includes('.') && text.includes('e') ? text.replace('e', '.0e') : text;
}
