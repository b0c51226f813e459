/**
 * How ratings combine. The rule is explicit so that a board can argue with it (and tests pin it):
 *   - any area red → red;
 *   - every area rated, none red, and more than half green → green;
 *   - otherwise (including any area not yet assessed) → amber;
 *   - nothing assessed → no rating (null).
 * Across a reorganisation each area takes the worst current rating of its organisations
 * (convergence is held back by the least ready council): red if any is red, otherwise no rating
 * until every organisation has rated it; then the same rule gives the overall.
 */
import type { Rating } from './model.ts';

export const OVERALL_RULE =
  'Red if any area is red; green if every area is rated, none is red and more than half are green; amber otherwise (including when an area is not yet assessed); no rating until something is assessed. Across the reorganisation each area takes the worst current rating among its organisations (red if any is red; otherwise not assessed until every organisation has rated it).';

const ORDER: Record<Rating, number> = { red: 0, amber: 1, green: 2 };

/**
 * @example overallRating(['green', 'green', 'amber']) // 'green'
 * @example overallRating(['green', null]) // 'amber' (not everything assessed)
 */
export function overallRating(ratings: readonly (Rating | null)[]): Rating | null {
  const rated = ratings.filter((r): r is Rating => r !== null);
  if (rated.length === 0) return null;
  if (rated.includes('red')) return 'red';
  const greens = rated.filter((r) => r === 'green').length;
  if (rated.length === ratings.length && greens * 2 > ratings.length) return 'green';
  return 'amber';
}

/** The worst of several ratings (null ones ignored; null if none). @example worstRating(['green', 'amber']) // 'amber' */
export function worstRating(ratings: readonly (Rating | null)[]): Rating | null {
  const rated = ratings.filter((r): r is Rating => r !== null);
  if (rated.length === 0) return null;
  return rated.reduce((a, b) => (ORDER[b] < ORDER[a] ? b : a));
}

/**
 * An area's rating across organisations: red if any is red, null while any organisation has not
 * rated it, otherwise the worst.
 * @example ratingAcross(['green', null]) // null; ratingAcross(['red', null]) // 'red'
 */
export function ratingAcross(ratings: readonly (Rating | null)[]): Rating | null {
  if (ratings.includes('red')) return 'red';
  if (ratings.length === 0 || ratings.includes(null)) return null;
  return worstRating(ratings);
}

/** For charts: red 1, amber 2, green 3. */
export const RATING_SCORE: Record<Rating, number> = { red: 1, amber: 2, green: 3 };
