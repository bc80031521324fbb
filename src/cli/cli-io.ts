/** What the CLI touches of its process: injected so tests can run it in-process too. */
export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Subscribe to SIGINT / SIGTERM; returns the unsubscribe. */
  onSignal(listener: (signal: NodeJS.Signals) => void): () => void;
  /** Leave now (the second Ctrl-C). */
  exit(code: number): never;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onSignal(listener) {
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    exit(code) {
      process.exit(code);
    },
  };
}
