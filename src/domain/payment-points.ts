/**
 * A commune's payment points and days for a paying month (issue 16, "Payment points and days";
 * seed step 1a, a payment network in every commune): where cash is paid (a place and its
 * address), on which days of the month and at what hours, which villages each point serves, and
 * which payers work there. Pure: the schedule in, its problems and the point of a village out.
 */
import { isIsoDate } from './calendar';

export type PaymentPoint = {
  /** Made on the device that adds the point; stable while it is edited. */
  id: string;
  /** The place, as the commune board shows it: "Nhà văn hóa thôn 3". */
  name: string;
  address: string;
  /** Calendar days `YYYY-MM-DD` in the month being paid, in order. */
  days: string[];
  /** Opening hours, `HH:MM`, `from` before `to`, between 06:00 and 20:00. */
  from: string;
  to: string;
  /** The villages (thôn, tổ) whose people are paid here. */
  villages: string[];
  /** Payers who pay at this point. */
  payerIds: string[];
};

export type PaymentSchedule = { month: string; points: PaymentPoint[] };

export const MAX_POINTS = 50;

export type ScheduleProblem =
  | { code: 'too-many-points' }
  | { code: 'no-name'; point: number }
  | { code: 'no-days'; point: number }
  | { code: 'day-outside-month'; point: number; day: string }
  | { code: 'bad-hours'; point: number }
  | { code: 'no-villages'; point: number }
  | { code: 'unknown-village'; point: number; village: string }
  /** One village, two points: its people would not know where to go. */
  | { code: 'village-twice'; village: string };

const HOURS = /^(?:[01]\d|2[0-3]):[0-5]\d$/u;

/**
 * What is wrong with a schedule, in order (empty: none). `villages` are the commune's villages;
 * a point serves only those. Points are numbered from 1 in the problems, as the screen shows them.
 */
export function checkSchedule(schedule: PaymentSchedule, villages: readonly string[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (schedule.points.length > MAX_POINTS) problems.push({ code: 'too-many-points' });
  const known = new Set(villages);
  const servedBy = new Map<string, number>();
  schedule.points.forEach((p, i) => {
    const point = i + 1;
    if (!p.name.trim()) problems.push({ code: 'no-name', point });
    if (p.days.length === 0) problems.push({ code: 'no-days', point });
    for (const day of p.days)
      if (!isIsoDate(day) || !day.startsWith(`${schedule.month}-`))
        problems.push({ code: 'day-outside-month', point, day });
    if (!HOURS.test(p.from) || !HOURS.test(p.to) || p.from >= p.to || p.from < '06:00' || p.to > '20:00')
      problems.push({ code: 'bad-hours', point });
    if (p.villages.length === 0) problems.push({ code: 'no-villages', point });
    for (const village of p.villages) {
      if (!known.has(village)) problems.push({ code: 'unknown-village', point, village });
      else if (servedBy.has(village) && servedBy.get(village) !== point)
        problems.push({ code: 'village-twice', village });
      servedBy.set(village, point);
    }
  });
  return problems;
}

/** The point that serves a village, if the schedule names one. */
export function pointOfVillage(schedule: PaymentSchedule | null | undefined, village: string): PaymentPoint | null {
  return schedule?.points.find((p) => p.villages.includes(village)) ?? null;
}

/** The schedule as stored: days sorted and without repeats, villages and payers without repeats. */
export function tidySchedule(schedule: PaymentSchedule): PaymentSchedule {
  return {
    month: schedule.month,
    points: schedule.points.map((p) => ({
      ...p,
      name: p.name.trim(),
      address: p.address.trim(),
      days: [...new Set(p.days)].sort(),
      villages: [...new Set(p.villages)],
      payerIds: [...new Set(p.payerIds)],
    })),
  };
}

/** "05/12, 06/12 và 07/12": the days as the commune board writes them. */
export function daysText(days: readonly string[], and = 'và'): string {
  const short = days.map((d) => `${d.slice(8, 10)}/${d.slice(5, 7)}`);
  if (short.length <= 1) return short.join('');
  return `${short.slice(0, -1).join(', ')} ${and} ${short.at(-1) ?? ''}`;
}
