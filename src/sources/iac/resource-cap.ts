/**
 * The run-wide cap on expanded resources (see DEFAULT_MAX_RESOURCES in ./load.ts for the measurement):
 * shared by the loader, which counts each template's resources, and the expansions that multiply them
 * inside one template (SAM Globals and events), which count as they go.
 */
import { InputError } from '../../util/errors.js';

export const DEFAULT_MAX_RESOURCES = 1_000_000;
export const MAX_RESOURCES_ENV = 'VOUCH_MAX_RESOURCES';

/** What is left of the run's cap while one template expands. */
export interface ResourceBudget {
  left: number;
  cap: number;
}

/** The one-line refusal: where, the cap, and how to raise it. */
export function tooManyResources(what: string, cap: number): InputError {
  return new InputError(`${what}: the templates of this run expand to more than ${cap} resources (raise with --max-resources or ${MAX_RESOURCES_ENV})`);
}
