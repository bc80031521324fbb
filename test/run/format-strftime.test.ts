import { describe, expect, it } from 'vitest';
import { LaunchError } from '../../src/errors.js';
import { formatStrftime } from '../../src/run/format-strftime.js';

// Expected texts come from CPython 3 on Linux (`datetime(...).strftime(pattern)`), local naive time.
const DATES = {
  jan5: new Date(2024, 0, 5, 13, 4, 9, 123),
  newYearSunday: new Date(2023, 0, 1, 0, 0, 0, 0),
  lastDay: new Date(2021, 11, 31, 23, 59, 59, 999),
  leapDay: new Date(2024, 1, 29, 12, 30, 0, 0),
} as const;

const CASES: ReadonlyArray<{ name: string; date: keyof typeof DATES; pattern: string; expected: string }> = [
  { name: "Hydra's default day folder", date: 'jan5', pattern: '%Y-%m-%d', expected: '2024-01-05' },
  { name: "Hydra's default time folder", date: 'jan5', pattern: '%H-%M-%S', expected: '13-04-09' },
  { name: 'microseconds from milliseconds', date: 'jan5', pattern: '%f', expected: '123000' },
  { name: 'names, day of year and 12-hour clock', date: 'jan5', pattern: '%y %j %a %A %b %B %p %I', expected: '24 005 Fri Friday Jan January PM 01' },
  { name: 'the C locale date and time', date: 'jan5', pattern: '%c', expected: 'Fri Jan  5 13:04:09 2024' },
  { name: 'the C locale date and time parts', date: 'jan5', pattern: '%x %X', expected: '01/05/24 13:04:09' },
  { name: 'week numbers and ISO weeks', date: 'jan5', pattern: '%U %W %w %u %V %G %g', expected: '00 01 5 5 01 2024 24' },
  { name: 'glibc shorthands', date: 'jan5', pattern: '%e %D %F %T %R %h %C %k %l %P %r', expected: ' 5 01/05/24 2024-01-05 13:04:09 13:04 Jan 20 13  1 pm 01:04:09 PM' },
  { name: 'no zone on a naive datetime', date: 'jan5', pattern: '%z|%Z', expected: '|' },
  { name: 'a literal percent sign', date: 'jan5', pattern: '%%Y', expected: '%Y' },
  { name: 'text around directives kept as is', date: 'jan5', pattern: "run 'a' %Y\\x", expected: "run 'a' 2024\\x" },
  { name: "glibc's no-padding flag", date: 'jan5', pattern: '%-d/%-m/%-H/%-j/%-e', expected: '5/1/13/5/5' },
  { name: 'midnight on a Sunday new year', date: 'newYearSunday', pattern: '%H %I %p %j %U %W %w %u %V %G', expected: '00 12 AM 001 01 00 0 7 52 2022' },
  { name: 'midnight with glibc shorthands', date: 'newYearSunday', pattern: '%e %k %l %P %r', expected: ' 1  0 12 am 12:00:00 AM' },
  { name: 'the last day of a year', date: 'lastDay', pattern: '%Y-%m-%d %H:%M:%S.%f %j %U %W %V', expected: '2021-12-31 23:59:59.999000 365 52 52 52' },
  { name: 'a leap day', date: 'leapDay', pattern: '%j %U %W %a %c', expected: '060 08 09 Thu Thu Feb 29 12:30:00 2024' },
  { name: 'a pattern without directives', date: 'jan5', pattern: 'outputs', expected: 'outputs' },
  { name: 'an empty pattern', date: 'jan5', pattern: '', expected: '' },
];

describe('formatStrftime', () => {
  it.each(CASES)('renders $name', ({ date, pattern, expected }) => {
    expect(formatStrftime(pattern, DATES[date])).toBe(expected);
  });

  it('renders epoch seconds with %s', () => {
    const date = DATES.jan5;
    expect(formatStrftime('%s', date)).toBe(String(Math.floor(date.getTime() / 1000)));
  });

  it.each([
    { name: 'an unknown directive', pattern: '%Y-%Q', fragment: '"%Q"' },
    { name: 'a stray percent sign at the end', pattern: '%H-%', fragment: 'stray "%"' },
    { name: 'the no-padding flag on a percent sign', pattern: '%-%', fragment: '"%-%"' },
  ])('rejects $name with ERR_TEMPLATE naming it', ({ pattern, fragment }) => {
    let caught: unknown;
    try {
      formatStrftime(pattern, DATES.jan5);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LaunchError);
    expect((caught as LaunchError).code).toBe('ERR_TEMPLATE');
    expect((caught as LaunchError).message).toContain(fragment);
    expect((caught as LaunchError).message).toContain(JSON.stringify(pattern));
    expect((caught as LaunchError).message).toContain('%%');
  });
});
