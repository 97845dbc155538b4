/**
 * Where a replication or delivery target is: the region a template says a
 * resource sends its data to (a region name, an ARN, an S3 bucket ARN, a
 * reference to a resource of the same stack).
 */
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { ev, pass, fail, unknown, notApplicable, text, NeedsValue } from '../../src/evaluate/facts.js';
import { regionAllowed, regionOfArn, regionOfAzId } from '../../src/lib/regions.js';
import { REGIONS } from '../../src/claims/region-catalog.js';
import { isRef, isUnresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN, type Unresolved } from '../../src/model/values.js';
import { judgeRegion } from './_region.js';

/**
 * What a target value is: `region` (a region name), `arn` (an ARN whose fourth field is the region;
 * an S3 bucket ARN carries none, so the bucket is looked up in the scanned templates by name), `url`
 * (an AWS endpoint URL whose host names the region: `jdbc:redshift://c.x.eu-west-1.redshift.amazonaws.com`),
 * `zone` (an Availability Zone ID, `use1-az4`, whose prefix names the region), `model` (a Bedrock model
 * or inference profile: an ARN names its region; a bare model ID runs in the caller's own region; a
 * cross-Region inference profile, `eu.…`/`us.…`/`global.…`, routes each request to a Region of its
 * geography that depends on the model, which the template does not say), `api` (an AWS API the resource
 * calls through the service's endpoint in its own Region: an EventBridge Scheduler universal target).
 */
export type TargetKind = 'region' | 'arn' | 'url' | 'zone' | 'model' | 'api';

const URL_REGION = /\.((?:[a-z]{2}|us-gov)-[a-z]+-\d+)\.[a-z0-9.-]*amazonaws\.com/;

/** Does this URL (or a built URL's shape) name an AWS regional endpoint? */
export function isAwsRegionalUrl(v: unknown): boolean {
  const text = isUnresolved(v) ? v.shape : v;
  return typeof text === 'string' && URL_REGION.test(text);
}

export interface Target {
  path: string;
  value: unknown;
  kind: TargetKind;
  /** What the target is, for the message (`replica`, `subscription endpoint`). */
  label: string;
  /**
   * A delivery destination (a log group, a stream, a dead-letter queue) rather than a replica, or an Image
   * Builder distribution (an AMI copied where the row says): one in this resource's own region (`${AWS::Region}`
   * of a stack whose region is not known) moves no data out of it, so it passes and the stack's region is
   * judged on its own (data-residency/aws-cloudformation-stack). A bucket outside the scan it names is judged
   * on the bucket (not applicable here).
   */
  home?: boolean;
}

/** The placeholder index of `shape` position `at` (how many placeholders come before it). */
function slotAt(shape: string, at: number): number {
  let n = 0;
  for (let i = 0; i < at; i++) if (shape[i] === SHAPE_UNKNOWN || shape[i] === SHAPE_SPECIFIC) n++;
  return n;
}

/**
 * Is the region field of this built ARN exactly `${AWS::Region}` (one placeholder, whose slot is the region:
 * `arn:${AWS::Partition}:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:x`)? Then the ARN names the
 * deploying stack's own region, whatever that is.
 */
export function arnRegionIsStackRegion(v: Unresolved): boolean {
  const shape = v.shape;
  if (shape === undefined) return false;
  const parts = shape.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[3] !== SHAPE_SPECIFIC) return false;
  return v.slots?.[slotAt(shape, parts.slice(0, 3).join(':').length + 1)] === 'region';
}

type Place = { region: string } | { stackRegion: string } | { sameStack: string } | { noRegion: string } | { ownRegion: string } | { geography: string };

/**
 * A system-defined cross-Region inference profile (`eu.anthropic.…`, `us.amazon.nova-…`, `global.…`),
 * by its ID or in an `inference-profile/` ARN: Bedrock sends each request to one of the destination
 * Regions of that geography, a list that depends on the model (Bedrock User Guide, "Supported Regions
 * and models for inference profiles").
 */
const GEO_PROFILE = /^(?:arn:[^:]+:bedrock:[^:]*:[^:]*:(?:inference|guardrail)-profile\/)?((?:us-gov|us|eu|apac|global|jp|au|ca)\.[A-Za-z0-9.:-]+)$/;

/**
 * The Regions a cross-Region inference profile's geography may send requests to: every AWS Region of
 * the geography vouch knows (a superset of any one model's destinations). A `global.` profile's
 * destinations "include all commercial Regions".
 */
const GEOGRAPHIES: Record<string, { match: RegExp; all?: true }> = {
  us: { match: /^us-(?:east|west)-/ },
  'us-gov': { match: /^us-gov-/ },
  eu: { match: /^eu-/ },
  apac: { match: /^(?:ap|me)-/ },
  jp: { match: /^ap-northeast-/ },
  au: { match: /^ap-southeast-/ },
  ca: { match: /^ca-/ },
  global: { match: /^(?!us-gov-|cn-)/, all: true },
};

/**
 * A cross-Region inference profile against the allowed regions: fails when no Region of its geography is
 * allowed (or, for `global.`, when any commercial Region is not), passes when every one is, and is
 * unknown when only some are (which of them the model uses is not in the template).
 */
/** A value as a message shows it: a long one is cut (the evidence keeps it whole). */
const cut = (v: string) => (v.length > 200 ? `${v.slice(0, 200)}…` : v);

function judgeGeography(t: Target, profile: string, params: Parameters): Verdict {
  const geo = profile.slice(0, profile.indexOf('.'));
  const g = GEOGRAPHIES[geo]!;
  const allowed = params.allowedRegions ?? [];
  const regions = REGIONS.filter((r) => r.provider === 'aws' && g.match.test(r.id)).map((r) => r.id);
  const ok = regions.map((r) => regionAllowed('aws', r, allowed));
  const evidence = ev(t.path, profile, allowed.join(', '), `destination Regions of the ${geo} geography: ${regions.join(', ')}`);
  const label = `${t.label} ${cut(profile)} (${/\.guardrail\./.test(profile) ? 'a guardrail profile' : 'a cross-Region inference profile'})`;
  if (ok.every((x) => x === true)) return pass(`${label} sends requests only to allowed Regions of the ${geo} geography`, evidence);
  if (ok.every((x) => x === false) || (g.all && ok.some((x) => x === false)))
    return fail(`${label} sends requests to Regions of the ${geo} geography${g.all ? ' (every commercial Region)' : ''}, outside the allowed regions`, evidence);
  return unknown(`${label} may send requests to any Region of the ${geo} geography, some of them outside the allowed regions; which ones depends on the model`, evidence);
}

/** Where a Bedrock model named by text runs, relative to the resource that names it. */
function placeOfModel(v: string): Place {
  const geo = GEO_PROFILE.exec(v);
  if (geo) return { geography: geo[1]! };
  if (v.startsWith('arn:')) {
    const region = regionOfArn(v);
    return region ? { region } : { noRegion: v };
  }
  // A bare model ID (`amazon.titan-embed-text-v2:0`) is invoked in the Region of the resource that names it.
  return { ownRegion: v };
}

/**
 * The region an ARN built with `Fn::Sub`/`Fn::Join` names: literal (`arn:${AWS::Partition}:sqs:us-east-1:…`),
 * the stack's own region (`${AWS::Region}`), or not known (a parameter: `NeedsValue`).
 */
function placeOfShape(v: Unresolved, path: string): Place {
  const shape = v.shape;
  if (shape === undefined) throw new NeedsValue(path, v.expression);
  if (shape === SHAPE_SPECIFIC && v.slots?.[0] === 'region') return { stackRegion: v.expression };
  const parts = shape.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw new NeedsValue(path, v.expression);
  const region = parts[3]!;
  if (region === '') return { noRegion: v.expression };
  if (!region.includes(SHAPE_UNKNOWN) && !region.includes(SHAPE_SPECIFIC)) return { region };
  if (arnRegionIsStackRegion(v)) return { stackRegion: v.expression };
  throw new NeedsValue(path, v.expression);
}

/**
 * The resource of this stack an ARN built from its own `GetAtt …Arn` (`${Logs.Arn}/vpc/`) or an S3 ARN
 * built from a bucket's `Ref` (`arn:${AWS::Partition}:s3:::${Logs}/flow/`) names, if it is one.
 */
function sameStackArn(v: Unresolved): string | undefined {
  const shape = v.shape;
  if (shape === undefined || !v.refs) return undefined;
  if ((shape[0] === SHAPE_UNKNOWN || shape[0] === SHAPE_SPECIFIC) && /^[^.]+\.Arn$/.test(v.refs[0] ?? '')) return v.refs[0]!.split('.')[0];
  const s3 = /^arn:[^:]*:s3:::/.exec(shape);
  if (s3 && (shape[s3[0].length] === SHAPE_UNKNOWN || shape[s3[0].length] === SHAPE_SPECIFIC)) {
    const ref = v.refs[slotAt(shape, s3[0].length)];
    if (ref && !ref.includes('.')) return ref;
  }
  return undefined;
}

function placeOf(t: Target): Place {
  const v = t.value;
  if (isRef(v)) return { sameStack: v.logicalId };
  if (isUnresolved(v) && t.kind === 'arn') {
    const own = sameStackArn(v);
    if (own) return { sameStack: own };
  }
  if (isUnresolved(v)) {
    if (t.kind === 'model') {
      const place = placeOfShape(v, t.path);
      // `arn:aws:bedrock:${AWS::Region}::foundation-model/…`: the model of the caller's own Region.
      return 'stackRegion' in place ? { ownRegion: place.stackRegion } : place;
    }
    if (t.kind !== 'arn') {
      if (v.shape === SHAPE_SPECIFIC && v.slots?.[0] === 'region') return { stackRegion: v.expression };
      const m = t.kind === 'url' && v.shape !== undefined ? URL_REGION.exec(v.shape) : null;
      if (m) return { region: m[1]! };
      throw new NeedsValue(t.path, v.expression);
    }
    return placeOfShape(v, t.path);
  }
  if (typeof v !== 'string') throw new NeedsValue(t.path, `a value that is not text: ${JSON.stringify(v ?? null)}`);
  if (t.kind === 'region') return { region: v };
  if (t.kind === 'zone') {
    const region = regionOfAzId(v);
    return region ? { region } : { noRegion: v };
  }
  if (t.kind === 'model') return placeOfModel(v);
  if (t.kind === 'api') return { ownRegion: v };
  if (t.kind === 'url') {
    const m = URL_REGION.exec(v);
    return m ? { region: m[1]! } : { noRegion: v };
  }
  const region = regionOfArn(v);
  return region ? { region } : { noRegion: v };
}

/** An S3 bucket named by an ARN, found among the scanned templates by its BucketName. */
function bucketOf(arn: string, inventory: Inventory): Resource | undefined {
  const name = arn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
  return inventory.ofType('aws.s3.bucket').find((b) => b.properties.BucketName === name);
}

/**
 * The template parameter an ARN target is given by, whole (`Ref P` of a parameter without a value, as a stack
 * deployed into a landing zone takes its log group, stream or function ARNs), or undefined.
 */
export function parameterArnOf(t: Target): string | undefined {
  if (t.kind !== 'arn' || !isUnresolved(t.value)) return undefined;
  return /^Ref ([A-Za-z0-9]+) \(parameter without a value/.exec(t.value.expression)?.[1];
}

/**
 * Whether r's own stack is judged by data-residency/aws-cloudformation-stack, whose unknown then carries a
 * deferred parameter target (stackParameterTargets there). Not a StackSet body's stack (fixP5): that stack is
 * not applicable (its instances' regions are judged on the StackSet, which does not read its body's
 * destinations), so a target deferred to it was asked nowhere and the resource passed. Not a resource whose
 * stack is not in the inventory either.
 */
function stackAsksRegion(r: Resource, inventory: Inventory): boolean {
  const stack = inventory.ofType('aws.cloudformation.stack').find((s) => s.source === 'iac' && s.location.stack === r.location.stack);
  return stack !== undefined && stack.properties.StackSet === undefined;
}

/**
 * Judge one target. A target in the same stack (a `Ref`/`GetAtt`) is where this resource is: it adds no
 * region (the stack's own region is judged by data-residency/aws-cloudformation-stack). A target in
 * `AWS::Region` of a stack whose region is not known is unknown, as a global-table replica there is.
 */
export function judgeTarget(r: Resource, t: Target, params: Parameters, inventory: Inventory): Verdict {
  let place: Place;
  try {
    place = placeOf(t);
  } catch (e) {
    if (!(e instanceof NeedsValue)) throw e;
    // A destination ARN given whole by a template parameter without a value, in a stack whose own region is not
    // known either (a bare template, an environment-agnostic CDK stack): which region the parameter names is the
    // same open question as the stack's region, asked once, on the stack: data-residency/aws-cloudformation-stack
    // is unknown and names this resource and parameter (stackParameterTargets). Labels (fixAK, session 15):
    // 19 such resources across scout6, scout17, scout21, scout22, scout28, scout30 and vault8 pass with the
    // (stack) unknown, 0 unknown or fail on the resource. With the stack's region known the target stays unknown
    // here (fail closed: the stack's verdict no longer carries the question).
    const param = parameterArnOf(t);
    if (param && !r.location.region && r.source === 'iac' && stackAsksRegion(r, inventory))
      return pass(
        `${t.label} ${t.path} is given by parameter ${param}, which has no value; the stack's region is not known either, so both are one question, reported unknown on the stack (data-residency/aws-cloudformation-stack names this parameter)`,
        ev(t.path, e.expression),
      );
    return unknown(`${t.label} ${t.path}: its region depends on ${e.expression}, which cannot be resolved`, ev(t.path, e.expression));
  }
  if ('sameStack' in place)
    return pass(`${t.label} ${place.sameStack} is a resource of this stack, in this resource's own region (the stack's region is judged on its own)`, ev(t.path, `${place.sameStack} (same stack)`));
  if ('ownRegion' in place)
    return pass(`${t.label} ${cut(place.ownRegion)} is invoked in this resource's own region (the stack's region is judged on its own)`, ev(t.path, place.ownRegion));
  if ('geography' in place) return judgeGeography(t, place.geography, params);
  // A delivery destination in `${AWS::Region}` of a stack whose region is not known is where the resource is: the
  // stack's unknown region is reported once, on the stack (labels: 40+ such destinations pass, none unknown). When the
  // region is known it is judged like any other (a us-east-1 stack's log group fails with the stack).
  if (t.home && 'stackRegion' in place)
    return pass(`${t.label} is in this resource's own region (AWS::Region): no data leaves it (the stack's region is judged on its own)`, ev(t.path, place.stackRegion));
  if ('stackRegion' in place)
    return unknown(`${t.label} is in the stack's own region (AWS::Region), which is not known: an environment-agnostic CDK stack or a bare template; pin env.region or pass --region`, ev(t.path, place.stackRegion));
  if ('noRegion' in place) {
    const shown = isUnresolved(t.value) ? (t.value.shape ?? '') : text(t.value);
    const bucket = /^arn:[^:]*:s3:::/.test(shown);
    if (typeof t.value === 'string' && bucket) {
      const b = bucketOf(t.value, inventory);
      if (b?.location.region) return judgeRegion('aws', b.location.region, params, t.path, `${t.label} ${t.value}`);
      if (b && b.location.stack === r.location.stack)
        return pass(`${t.label} ${t.value} is a bucket of this stack, in this resource's own region (the stack's region is judged on its own)`, ev(t.path, t.value));
      if (b) return unknown(`${t.label} ${t.value} is a bucket of another scanned stack whose region is not known`, ev(t.path, t.value));
    }
    // A log destination bucket outside the scanned templates (a central log archive): the bucket's region is
    // judged on the bucket, as GuardDuty's findings bucket is. Labels: 6 such flow logs (holdout, scout, scout5,
    // scout14, vault7, scout16) all pass, 0 unknown; replication to such a bucket stays unknown (a copy of the data).
    if (bucket && t.home)
      return notApplicable(`${t.label} ${cut(text(t.value))} is an S3 bucket outside the scanned templates: an S3 ARN carries no region, and the bucket's region is judged on the bucket`);
    return unknown(
      bucket
        ? `${t.label} ${cut(text(t.value))}: S3 bucket ARNs carry no region and the bucket is not found by name in the scanned templates`
        : t.kind === 'zone'
          ? `${t.label} ${cut(text(t.value))} is not an Availability Zone ID vouch places in a region (a Local Zone, or a Region it does not know)`
          : `${t.label} ${cut(text(t.value))}: no region can be read from it`,
      ev(t.path, t.value ?? null),
    );
  }
  const shown = isUnresolved(t.value) ? t.value.expression : text(t.value);
  return judgeRegion('aws', place.region, params, t.path, `${t.label} ${t.kind === 'region' ? '' : shown}`.trimEnd());
}
