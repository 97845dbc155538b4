/** The verdict and severity vocabularies: leaves of the import graph, shared by the rules runtime and the schemas. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;
export type Status = (typeof STATUSES)[number];
