/** Cloud providers a policy may name, and the words that name them. */
export type CloudProvider = 'aws' | 'gcp' | 'digitalocean' | 'azure';
export const CLOUD_PROVIDERS: readonly CloudProvider[] = ['aws', 'gcp', 'digitalocean', 'azure'];

const NAMES: [CloudProvider, RegExp][] = [
  ['aws', /\b(?:AWS|Amazon Web Services|Amazon (?:S3|RDS|EC2|Aurora|DynamoDB)|CloudTrail|GuardDuty)\b/],
  ['gcp', /\b(?:Google Cloud(?: Platform)?|GCP|Google Compute Engine|Cloud SQL|BigQuery)\b/],
  ['digitalocean', /\bDigital ?Ocean\b/i],
  ['azure', /\b(?:Microsoft Azure|Azure)\b/],
];

/** Providers the text names, in the order above. */
export function providersNamed(text: string): CloudProvider[] {
  return NAMES.filter(([, re]) => re.test(text)).map(([p]) => p);
}
