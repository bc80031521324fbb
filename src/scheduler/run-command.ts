import spawn from 'cross-spawn';

/** What one finished program run gave back. `spawnError` is set when it could not start. */
export interface CommandRunResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly spawnError: (Error & { readonly code?: string }) | null;
}

/** Runs a program (argv, never a shell) and collects its output. Injectable for tests. */
export type CommandRunner = (argv: readonly string[], env: Readonly<Record<string, string>>) => Promise<CommandRunResult>;

/** The real runner: cross-spawn with argv, stdin closed, output collected. */
export const runCommand: CommandRunner = (argv, env) =>
  new Promise((resolve) => {
    const [program, ...args] = argv;
    if (program === undefined) throw new RangeError('runCommand needs a program');
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      resolve({ exitCode: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), spawnError });
    });
  });
