/** Reads `MaxArraySize` from `scontrol show config`; null when absent. */
export function parseMaxArraySize(configText: string): number | null {
  const match = /^\s*MaxArraySize\s*=\s*(\d+)/m.exec(configText);
  return match?.[1] === undefined ? null : Number(match[1]);
}
