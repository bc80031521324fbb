/** Kaggle's working folder: the only writable place whose files outlive the session. */
export const KAGGLE_WORKING_DIR = '/kaggle/working';

/** Variables Kaggle sets in every notebook and script session (our own `KAGGLE=true` tag is not one of them). */
const KAGGLE_MARKERS = ['KAGGLE_KERNEL_RUN_TYPE', 'KAGGLE_URL_BASE'] as const;

/** True when `env` (passed in, never read here) comes from a Kaggle session. */
export function detectKaggle(env: Readonly<Record<string, string | undefined>>): boolean {
  return KAGGLE_MARKERS.some((name) => (env[name] ?? '') !== '');
}

/** The output root a launch uses when none is configured: Kaggle's working folder on Kaggle, else none (the launch cwd). */
export function defaultOutputRoot(env: Readonly<Record<string, string | undefined>>): string | null {
  return detectKaggle(env) ? KAGGLE_WORKING_DIR : null;
}
