/** Vietnamese formatting of dates, sizes and birth dates for display. */

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Asia/Ho_Chi_Minh',
});

export function formatDateTime(epochMs: number): string {
  return dateTime.format(epochMs);
}

/** `YYYY-MM-DD` → `dd/MM/yyyy`; a year alone stays a year. */
export function formatBirthDate(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  return m && d ? `${d}/${m}/${y ?? ''}` : birthDate;
}

/** A calendar date `YYYY-MM-DD` as `dd/MM/yyyy`. */
export const formatIsoDate = (date: string): string => formatBirthDate(date);

export function birthYear(birthDate: string): string {
  return birthDate.slice(0, 4);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${units[unit] ?? 'B'}`;
}
