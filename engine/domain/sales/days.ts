/** Sales dates are calendar days (`YYYY-MM-DD`, the chain's own day), compared as text. */
import { isoDateSchema } from '../call-center/continuity.ts';

/** A well-formed day of the calendar (not 2027-02-30). */
export const isCalendarDay = (date: unknown): date is string => isoDateSchema.safeParse(date).success;
