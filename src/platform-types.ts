// Platform types in the public .d.ts files, written so a consumer's program type-checks with or
// without @types/node (and without lib.dom): each resolves to the global type when one is
// declared (the same trick @types/node uses), and to the small shape this package relies on when not.

/** The part of `AbortSignal` a consumer's program without Node or DOM types gets to see. */
export interface MinimalAbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** `AbortSignal` of Node or the DOM when declared, else {@link MinimalAbortSignal}. */
export type PlatformAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : MinimalAbortSignal;

/** `AbortController` of Node or the DOM when declared, else the part this package uses. */
export type PlatformAbortController = typeof globalThis extends { AbortController: { prototype: infer C } }
  ? C
  : { readonly signal: MinimalAbortSignal; abort(reason?: unknown): void };

/** An environment as `process.env` holds it (`NodeJS.ProcessEnv` without the namespace). */
export type ProcessEnvLike = Readonly<Record<string, string | undefined>>;
