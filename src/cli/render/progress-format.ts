// Small text pieces shared by the progress views.

/** Elapsed time for people: `850ms`, `4.2s`, `1m05s`, `1h02m`. */
export function formatElapsed(ms: number): string {
  // Thresholds compare rounded values, so 999.6 ms is not shown as `1000ms` nor 59.96 s as `60.0s`.
  if (Math.round(ms) < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (Math.round(ms / 100) < 600) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.max(60, Math.floor(ms / 1000));
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h${pad(Math.floor(seconds / 60) % 60)}m`;
}

/** Clock time for --verbose lines, local `HH:MM:SS.mmm`. */
export function formatClock(at: number): string {
  const date = new Date(at);
  const ms = String(date.getMilliseconds()).padStart(3, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${ms}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
