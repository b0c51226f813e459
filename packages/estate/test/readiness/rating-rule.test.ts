import { describe, expect, it } from 'vitest';
import { overallRating, ratingAcross, worstRating } from '../../src/readiness/rating-rule.ts';

describe('the overall readiness rule', () => {
  it('is red when any area is red, whatever else', () => {
    expect(overallRating(['green', 'green', 'red'])).toBe('red');
    expect(overallRating(['red', null])).toBe('red');
  });
  it('is green only when every area is rated, none red, and more than half green', () => {
    expect(overallRating(['green', 'green', 'amber'])).toBe('green');
    expect(overallRating(['green', 'amber'])).toBe('amber'); // half is not more than half
    expect(overallRating(['green', 'green', null])).toBe('amber'); // not everything assessed
  });
  it('is amber otherwise, and no rating when nothing is assessed', () => {
    expect(overallRating(['amber', 'amber', 'green'])).toBe('amber');
    expect(overallRating([null, null])).toBeNull();
    expect(overallRating([])).toBeNull();
  });
  it('takes the worst rating across organisations', () => {
    expect(worstRating(['green', 'amber', null])).toBe('amber');
    expect(worstRating(['green', 'red', 'amber'])).toBe('red');
    expect(worstRating([null])).toBeNull();
  });
  it('across a reorganisation: red if any is red, otherwise not rated until everyone has rated', () => {
    expect(ratingAcross(['red', null])).toBe('red');
    expect(ratingAcross(['green', null])).toBeNull();
    expect(ratingAcross(['green', 'amber'])).toBe('amber');
  });
});
