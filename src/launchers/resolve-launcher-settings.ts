import type { LauncherCommonConfig } from './launcher-definition.js';

/** The shared launcher fields, resolved once into the units the launch flow works in. */
export interface LauncherSettings {
  /** Every job's default time limit in minutes (a job's own wins); null: none. */
  readonly defaultTimeoutMin: number | null;
  /** Variables added to every job's environment, as strings. */
  readonly env: Readonly<Record<string, string>>;
  readonly failFast: boolean;
  readonly killGraceMs: number;
  /** Cap of each job log in bytes (head and tail kept); null: none. */
  readonly maxLogBytes: number | null;
}

/** Reads the common fields of a validated launcher config (the schema made them present and typed). Pure. */
export function resolveLauncherSettings(config: LauncherCommonConfig): LauncherSettings {
  return {
    defaultTimeoutMin: config.timeout_min,
    env: Object.fromEntries(Object.entries(config.env).map(([key, value]) => [key, String(value)])),
    failFast: config.fail_fast,
    killGraceMs: Math.round(config.kill_grace_s * 1000),
    maxLogBytes: config.max_log_mb === null ? null : Math.floor(config.max_log_mb * 1024 * 1024),
  };
}
