/** One way to show a built value's shape in messages: every placeholder as `${…}` (src/model/values.ts shownShape). */
import { describe, it, expect } from 'vitest';
import { shownShape, SHAPE_SPECIFIC, SHAPE_UNKNOWN } from '../../src/model/values.js';
import { shownKey } from '../../src/lib/iam/trust.js';

describe('shownShape', () => {
  it('writes both kinds of placeholder as ${…} and leaves literal text alone', () => {
    expect(shownShape(`arn:aws:logs:${SHAPE_SPECIFIC}:${SHAPE_SPECIFIC}:log-group:${SHAPE_UNKNOWN}`)).toBe('arn:aws:logs:${…}:${…}:log-group:${…}');
    expect(shownShape(`${SHAPE_UNKNOWN}${SHAPE_UNKNOWN}-logs`)).toBe('${…}${…}-logs');
    expect(shownShape('plain-name')).toBe('plain-name');
    expect(shownShape('')).toBe('');
  });
  it('is what trust conditions show for a key the template builds', () => {
    expect(shownKey(`${SHAPE_UNKNOWN}:sub`)).toBe('${…}:sub');
    expect(shownKey(`oidc.eks.${SHAPE_SPECIFIC}.amazonaws.com/id/${SHAPE_UNKNOWN}:aud`)).toBe('oidc.eks.${…}.amazonaws.com/id/${…}:aud');
  });
});
