/**
 * The severities and verdict statuses, in a module of their own that imports
 * nothing: the evidence schema and the rule runtime both read them, and
 * neither may import the other.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export const STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;
export type Status = (typeof STATUSES)[number];
