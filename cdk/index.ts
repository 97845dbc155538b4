/** vouch/cdk: secure-by-default constructs, the synth-time plugin, the defaults aspect. */
export * from './claims.js';
export { warnWeakened, contradiction } from './guard.js';
export * from './secure-bucket.js';
export * from './https-only-load-balancer.js';
export * from './bastion-host.js';
export * from './encrypted-cache.js';
export * from './secure-database.js';
export * from './token-vault.js';
export * from './mfa-enforced-group.js';
export * from './secure-distribution.js';
export * from './vouch-checks.js';
export * from './acknowledge.js';
export * from './secure-defaults.js';
/** The name DESIGN.md uses for HttpsOnlyLoadBalancer. */
export { HttpsOnlyLoadBalancer as HttpsOnlyAlb } from './https-only-load-balancer.js';
