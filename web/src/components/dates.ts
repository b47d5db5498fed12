// Bridges between the API's "YYYY-MM-DD" strings and Ant Design's dayjs values.
import dayjs, { type Dayjs } from 'dayjs';

/** How every DatePicker shows and parses dates. */
export const DATE_FORMAT = 'DD/MM/YYYY';

export function isoToDayjs(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const d = dayjs(iso.slice(0, 10));
  return d.isValid() ? d : null;
}

export function dayjsToIso(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format('YYYY-MM-DD') : undefined;
}
