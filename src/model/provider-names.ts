/**
 * The clouds vouch reads, the one list of their names. It imports nothing:
 * the schemas (inventory, evidence, claim verdicts, benchmark profiles) and
 * the rule registry (which keeps zod off the CLI's start-up path) all read it.
 * Adding a cloud starts here (docs/CONTRIBUTING.md, "Adding a provider"); the
 * type `Provider` then requires it in the provider registry and the CLI.
 */
export const PROVIDER_NAMES = ['aws', 'gcp', 'digitalocean'] as const;

/** The names as a regular-expression alternation: `aws|gcp|digitalocean`. */
export const PROVIDER_PATTERN = PROVIDER_NAMES.join('|');
