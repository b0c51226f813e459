/**
 * The contract map's rules: what each contract means for vesting day. Pure functions of the
 * contract, vesting day and "today" (given, never read from the clock here, so tests can fix it).
 *
 * - **Term end**: the end date; for an auto-renewing contract whose end date has passed (and no
 *   notice served), the end of its current renewal, assuming renewals of one year (registers
 *   rarely say; the assumption is stated in the map's documentation).
 * - **Notice deadline**: term end minus the notice period (dates.ts: days and weeks exactly,
 *   months and years by the calendar, corresponding date clamped to the month's end): the last
 *   day notice can be given for the contract to end at its term end. Unknown without a notice
 *   period or an end date, and the row says which.
 * - **Ends before vesting**: term end before vesting day. **Runs past vesting**: in force on
 *   vesting day (term end on or after it): the successor inherits it, so it must be novated
 *   (transferred) or ended.
 * - **Next renewal** (auto-renewing, notice not served): the day after term end.
 * - **Needs a decision before vesting** when any of these holds (each a reason with a code):
 *   `notice-before-vesting`: notice not served and the deadline is today or later but before
 *   vesting day, so the predecessor itself must decide whether to give notice;
 *   `auto-renews-before-vesting`: auto-renewing, notice not served, renews on or before vesting day;
 *   `novation-required`: runs past vesting and the contract says it must be novated;
 *   `change-of-control`: runs past vesting and has a change-of-control clause the merger may trigger;
 *   `end-date-unknown`: no end date, so nobody can tell whether it runs past vesting.
 *   A contract that simply runs past vesting with neither clause is not flagged: the
 *   reorganisation's transfer order moves it to the successor.
 */
import { describeNoticePeriod } from '../contracts/values.ts';
import type { Contract } from '../model.ts';
import { addDays, addMonths, daysBetween, parseDuration, shiftByDuration } from './dates.ts';
import type { DecisionReason, NoticeStatus } from './model.ts';

export interface Assessment {
  termEnd: string | null;
  noticeDeadline: string | null;
  noticeStatus: NoticeStatus;
  noticeUnknownBecause: string | null;
  daysToNoticeDeadline: number | null;
  endsBeforeVesting: boolean | null;
  runsPastVesting: boolean | null;
  nextRenewal: string | null;
  breakDatesBeforeVesting: string[];
  breakDatesAfterVesting: string[];
  needsDecision: boolean;
  reasons: DecisionReason[];
}

export type AssessedTerms = Pick<
  Contract,
  'endDate' | 'noticePeriod' | 'noticeServedDate' | 'breakDates' | 'isAutoRenewing' | 'isNovationRequired' | 'hasChangeOfControlClause'
>;

/** Renewal terms assumed for an auto-renewing contract whose end date has passed. */
export const ASSUMED_RENEWAL_MONTHS = 12;

/** The end of the current term: the end date, or for a renewed auto-renewing contract the end of its current (assumed yearly) renewal. */
export function termEndOf(c: AssessedTerms, today: string): string | null {
  if (!c.endDate) return null;
  if (!c.isAutoRenewing || c.noticeServedDate || c.endDate >= today) return c.endDate;
  let end = c.endDate;
  for (let n = 1; end < today; n++) end = addDays(addMonths(addDays(c.endDate, 1), n * ASSUMED_RENEWAL_MONTHS), -1);
  return end;
}

/**
 * The last day notice can be given for the contract to end at `termEnd`.
 * @example noticeDeadlineOf('2028-03-31', 'P3M') // '2027-12-31'
 */
export function noticeDeadlineOf(termEnd: string | null, noticePeriod: string | null): string | null {
  const duration = parseDuration(noticePeriod);
  if (!termEnd || !duration) return null;
  return shiftByDuration(termEnd, duration, -1);
}

/**
 * What a contract means for vesting day.
 * @example assessContract(contract, { vestingDay: '2028-04-01', today: '2026-12-01' }).needsDecision
 */
export function assessContract(c: AssessedTerms, { vestingDay, today }: { vestingDay: string; today: string }): Assessment {
  const termEnd = termEndOf(c, today);
  const noticeDeadline = noticeDeadlineOf(termEnd, c.noticePeriod);
  const noticeUnknownBecause = !c.endDate ? 'no end date recorded' : !parseDuration(c.noticePeriod) ? 'no notice period recorded' : null;
  const noticeStatus: NoticeStatus = c.noticeServedDate
    ? 'served'
    : noticeDeadline === null
      ? 'unknown'
      : noticeDeadline < today
        ? 'passed'
        : 'open';
  const runsPastVesting = termEnd === null ? null : termEnd >= vestingDay;
  const renews = c.isAutoRenewing === true && !c.noticeServedDate && termEnd !== null;
  const nextRenewal = renews ? addDays(termEnd, 1) : null;

  const reasons: DecisionReason[] = [];
  const notice = describeNoticePeriod(c.noticePeriod);
  if (noticeStatus === 'open' && noticeDeadline! < vestingDay)
    reasons.push({
      code: 'notice-before-vesting',
      message: `Notice (${notice}) must be given by ${noticeDeadline}, before vesting day: the council must decide whether to end it`,
    });
  if (nextRenewal !== null && nextRenewal <= vestingDay)
    reasons.push({
      code: 'auto-renews-before-vesting',
      message: `Renews itself on ${nextRenewal}, before vesting day, unless notice is given`,
    });
  if (runsPastVesting && c.isNovationRequired)
    reasons.push({ code: 'novation-required', message: 'Runs past vesting day and must be novated to the successor' });
  if (runsPastVesting && c.hasChangeOfControlClause)
    reasons.push({
      code: 'change-of-control',
      message: 'Runs past vesting day and has a change-of-control clause the merger may trigger',
    });
  if (!c.endDate)
    reasons.push({ code: 'end-date-unknown', message: 'No end date recorded: nobody can tell whether it runs past vesting day' });

  return {
    termEnd,
    noticeDeadline,
    noticeStatus,
    noticeUnknownBecause,
    daysToNoticeDeadline: noticeDeadline === null ? null : daysBetween(today, noticeDeadline),
    endsBeforeVesting: termEnd === null ? null : termEnd < vestingDay,
    runsPastVesting,
    nextRenewal,
    breakDatesBeforeVesting: c.breakDates.filter((d) => d < vestingDay),
    breakDatesAfterVesting: c.breakDates.filter((d) => d >= vestingDay),
    needsDecision: reasons.length > 0,
    reasons,
  };
}

/** CPV divisions 48 (software packages and information systems) and 72 (IT services): software nobody listed. */
export function isSoftwareCpv(cpvCode: string | null): boolean {
  return cpvCode !== null && /^(48|72)/.test(cpvCode);
}
