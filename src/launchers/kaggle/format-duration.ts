/** Renders milliseconds for messages a person reads: `850 ms`, `2.5 s`, `12.3 min`, `8 h 40 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000)} s`;
  if (abs < 3_600_000) return `${trim(ms / 60_000)} min`;
  const totalMinutes = Math.round(abs / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes - hours * 60;
  return `${ms < 0 ? '-' : ''}${hours} h${minutes === 0 ? '' : ` ${minutes} min`}`;
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}
