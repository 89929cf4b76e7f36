/** Calendar dates as ISO 8601 text (YYYY-MM-DD): they sort and compare as strings. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** Why `text` is not a date this API accepts, or null when it is one (a real day between 1900 and 2100). */
export function dateProblem(text: string): string | null {
  const match = ISO_DATE.exec(text);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `is not a date: there is no month ${match[2]}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `is not a date: ${match[1]}-${match[2]} has ${daysInMonth} days`;
  if (text < EARLIEST_DATE || text > LATEST_DATE) return `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;
  return null;
}

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The year of a YYYY-MM-DD date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
