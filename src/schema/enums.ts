/** Value lists several contracts share (a leaf module: schemas import it, nothing here imports back). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;
