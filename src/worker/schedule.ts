import cron from "node-cron";

// Cron expressions, read through node-cron 4 so that what `check` accepts is exactly what `watch` runs.

/** null when valid, else node-cron's message naming the bad field, e.g. "70 is a invalid expression for minute". */
export function validateSchedule(expression: string): string | null {
  const result = cron.validateDetailed(expression);
  if (result.valid) return null;
  const first = result.errors[0];
  return first ? first.message : "invalid cron expression";
}

const DAY_SECONDS = 24 * 60 * 60;
const WEEK_SECONDS = 7 * DAY_SECONDS;

/**
 * The typical time between runs in minutes (for RSS `ttl`): the most common gap between consecutive runs
 * (ties: the shorter), at least 1. `*\/30 * * * *` → 30, `0 * * * *` → 60, `0 6 * * *` → 1440,
 * `0 9 * * 1` → 10080. Schedules tied to days of the month or to months give null.
 */
export function scheduleIntervalMinutes(expression: string): number | null {
  const result = cron.validateDetailed(expression);
  if (!result.valid || !result.fields) return null;
  const { second, minute, hour, dayOfMonth, month, dayOfWeek } = result.fields;
  if (dayOfMonth.length < 31 || month.length < 12) return null;
  if (dayOfWeek.some((day) => typeof day !== "number")) return null;

  const times: number[] = [];
  for (const h of hour) for (const m of minute) for (const s of second) times.push(h * 3600 + m * 60 + s);
  const days = [...new Set((dayOfWeek as number[]).map((day) => day % 7))].sort((a, b) => a - b);
  const period = days.length === 7 ? DAY_SECONDS : WEEK_SECONDS;
  const starts = days.length === 7 ? [0] : days.map((day) => day * DAY_SECONDS);
  const instants = starts.flatMap((start) => times.map((t) => start + t)).sort((a, b) => a - b);
  if (instants.length === 0) return null;

  const counts = new Map<number, number>();
  instants.forEach((instant, index) => {
    const next = instants[index + 1] ?? (instants[0] ?? 0) + period;
    const gap = next - instant;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  });
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return Math.max(1, Math.round(best / 60));
}
