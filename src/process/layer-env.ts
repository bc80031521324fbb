/**
 * An environment made of `base` with `layers` on top (later ones win), without copying `base`:
 * an object whose prototype is `base` and whose own keys are the layers'. Node's spawn reads
 * inherited keys too (it walks `env` with for...in), so a child gets the same variables as from
 * a spread copy, and a launch builds a few keys per job instead of every variable it inherited.
 * A spread (`{ ...env }`) of the result would lose the inherited keys: layer it again instead.
 */
export function layerEnv(base: NodeJS.ProcessEnv, ...layers: ReadonlyArray<Readonly<Record<string, string | undefined>> | undefined>): NodeJS.ProcessEnv {
  const env = Object.create(base) as NodeJS.ProcessEnv;
  for (const layer of layers) Object.assign(env, layer);
  return env;
}
