import { format, getDay, getDayOfYear } from 'date-fns';
import { TemplateError } from './template-error.js';

type Render = (date: Date) => string;

const fmt =
  (token: string): Render =>
  (date) =>
    format(date, token, { useAdditionalDayOfYearTokens: true });

const pad = (value: number, width: number, fill = '0'): string => String(value).padStart(width, fill);

/** Week of the year as glibc counts it: weeks start on `firstDay` (0 Sunday, 1 Monday); days before the first one are week 0. */
function weekOfYear(date: Date, firstDay: 0 | 1): string {
  const yday = getDayOfYear(date) - 1;
  const daysSinceWeekStart = (getDay(date) - firstDay + 7) % 7;
  return pad(Math.floor((yday - daysSinceWeekStart + 7) / 7), 2);
}

/**
 * Python's directives as glibc's strftime renders them (Python on Linux delegates to it), in the C
 * locale. `%z` and `%Z` render empty because Hydra's `now` resolver formats a naive
 * `datetime.now()`, which has no zone.
 */
const DIRECTIVES: Readonly<Record<string, Render>> = {
  a: fmt('EEE'),
  A: fmt('EEEE'),
  b: fmt('MMM'),
  B: fmt('MMMM'),
  c: (d) => `${format(d, 'EEE MMM')} ${pad(d.getDate(), 2, ' ')} ${format(d, 'HH:mm:ss yyyy')}`,
  C: (d) => pad(Math.floor(d.getFullYear() / 100), 2),
  d: fmt('dd'),
  D: fmt('MM/dd/yy'),
  e: (d) => pad(d.getDate(), 2, ' '),
  f: (d) => pad(d.getMilliseconds() * 1000, 6),
  F: fmt('yyyy-MM-dd'),
  g: (d) => pad(Number(format(d, 'RRRR')) % 100, 2),
  G: fmt('RRRR'),
  h: fmt('MMM'),
  H: fmt('HH'),
  I: fmt('hh'),
  j: fmt('DDD'),
  k: (d) => pad(d.getHours(), 2, ' '),
  l: (d) => pad(d.getHours() % 12 || 12, 2, ' '),
  m: fmt('MM'),
  M: fmt('mm'),
  n: () => '\n',
  p: fmt('a'),
  P: (d) => format(d, 'a').toLowerCase(),
  r: fmt('hh:mm:ss a'),
  R: fmt('HH:mm'),
  s: fmt('t'),
  S: fmt('ss'),
  t: () => '\t',
  T: fmt('HH:mm:ss'),
  u: fmt('i'),
  U: (d) => weekOfYear(d, 0),
  V: fmt('II'),
  w: (d) => String(getDay(d)),
  W: (d) => weekOfYear(d, 1),
  x: fmt('MM/dd/yy'),
  X: fmt('HH:mm:ss'),
  y: fmt('yy'),
  Y: fmt('yyyy'),
  z: () => '',
  Z: () => '',
  '%': () => '%',
};

/** glibc's `-` flag (`%-d`): no padding. */
const unpad = (text: string): string => text.trimStart().replace(/^0+(?=\d)/, '');

/**
 * Renders a Python `strftime` pattern (as written in Hydra configs, e.g. `%Y-%m-%d`) in local
 * time, the way Python's `datetime.now().strftime()` does on Linux. Supports glibc's `-` flag.
 * Throws a `TemplateError` (code `ERR_TEMPLATE`) for an unknown or stray directive.
 */
export function formatStrftime(pattern: string, date: Date): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const percent = pattern.indexOf('%', i);
    if (percent === -1) {
      out += pattern.slice(i);
      break;
    }
    out += pattern.slice(i, percent);
    const noPad = pattern[percent + 1] === '-';
    const name = pattern[percent + (noPad ? 2 : 1)];
    const render = name === undefined ? undefined : DIRECTIVES[name];
    if (render === undefined || (noPad && name === '%')) {
      const written = pattern.slice(percent, percent + (noPad ? 3 : 2));
      const what = name === undefined ? `A stray "${written}" at the end` : `Unknown strftime directive "${written}"`;
      throw new TemplateError(
        pattern,
        `${what} (position ${percent}) of the time pattern ${JSON.stringify(pattern)}. ` +
          `Supported: ${Object.keys(DIRECTIVES)
            .map((k) => `%${k}`)
            .join(' ')} (and %-<d> for no padding); write %% for a literal percent sign.`,
      );
    }
    const text = render(date);
    out += noPad ? unpad(text) : text;
    i = percent + (noPad ? 3 : 2);
  }
  return out;
}
