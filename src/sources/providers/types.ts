/**
 * What a cloud provider declares about itself: per service, the canonical
 * resource types it produces, the read calls it makes and the permissions
 * they need. Coverage is derived from these declarations (a rule whose types
 * no selected service produces is "not collected"), the `--services` choices
 * and `--endpoint` names are read from them, the AWS read-only guard allows
 * exactly the declared calls, and docs/aws-iam-policy.json is generated from
 * them. Declarations are data only: importing one loads no SDK.
 */
import type { Provider } from '../../model/resource.js';

export interface ReadCall {
  /** The operation as coverage records it: `efs:DescribeFileSystems`, `compute.firewalls.list`, `droplets.list`. */
  op: string;
  /**
   * The IAM action (AWS) or permission (GCP) the call needs, when it is not
   * `op` itself; `null` when the call needs no permission (sts:GetCallerIdentity).
   */
  action?: string | null;
  /** AWS: an IAM resource narrower than `*` for the policy statement. */
  resource?: string;
  /**
   * Types this call enumerates: when it fails, resources of these types may be
   * missing altogether, so rules on them cannot pass (their claims are unverified).
   */
  lists?: readonly string[];
}

export interface ServiceDeclaration {
  /** The `--services` name. */
  name: string;
  /** One line for help and docs. */
  title: string;
  /** AWS: read once per account (`global`) or per region. */
  scope?: 'global' | 'regional';
  /** Canonical types the service's collectors emit. */
  produces: readonly string[];
  reads: readonly ReadCall[];
  /** AWS: SDK clients the service uses: `--endpoint` name → the SDK's AWS_ENDPOINT_URL_<ID> suffix. */
  endpoints?: Readonly<Record<string, string>>;
}

export interface ProviderDeclaration {
  name: Provider;
  /** The cloud's name as people write it (help, docs): `AWS`, `DigitalOcean`. */
  title: string;
  /**
   * The `--endpoint NAME=URL` names, when they are not the services' own
   * `endpoints` (AWS declares its SDK clients per service): GCP's APIs,
   * DigitalOcean's `api` and `spaces`. Read through `endpointNames()`.
   */
  endpointNames?: readonly string[];
  services: readonly ServiceDeclaration[];
  /** Reads every scan makes before any service (identity, accounts, regions, projects). */
  base: Omit<ServiceDeclaration, 'title' | 'scope'>;
  /**
   * Types that exist only in templates (a custom resource, a standalone
   * ingress rule that live is part of its group): no live collector should
   * produce them, and their absence from a live scan is not a gap. A trailing
   * `*` matches a prefix. The value says why.
   */
  iacOnly: Readonly<Record<string, string>>;
}
