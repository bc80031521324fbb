import { spawn } from 'node:child_process';
import { CLI, cliEnv } from './cli-harness.js';
import { shellWord } from '../../src/cli/show-path.js';

/** A CLI run inside a pseudo-terminal (util-linux `script`), fed keystrokes through its stdin. */
export interface PtySession {
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Types into the terminal: '\u0003' is Ctrl-C, which the terminal turns into SIGINT. */
  type(text: string): void;
  readonly exited: Promise<number | null>;
}

export function startInPty(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): PtySession {
  const command = [process.execPath, CLI, ...args].map(shellWord).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: cliEnv({ TERM: 'xterm', ...env }), stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => text,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)}; the terminal showed:\n${text.slice(-2000)}`));
        }, timeoutMs);
        const check = (): void => {
          if (!pattern.test(stripAnsi(text))) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    type(keys) {
      child.stdin.write(keys);
    },
    exited,
  };
}

/** The text without escape sequences (what a person reads). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
