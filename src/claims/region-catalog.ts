/**
 * Every AWS, GCP, DigitalOcean and Azure region vouch knows: its id, the
 * country (ISO 3166 code), US state, city and the provider's display names.
 * Data only; read by the claims gazetteer (places in policy text → region
 * ids) and by src/lib/regions.ts (is a region in an allowed country?).
 */
import type { CloudProvider } from './providers.js';

export interface RegionInfo {
  provider: CloudProvider;
  id: string;
  country: string;
  state?: string;
  city: string;
  /** Display names the provider uses ("US East (N. Virginia)", "Germany West Central"). */
  names: string[];
}

// provider id country state? city | display names
const RAW = `
aws us-east-1 US VA Northern Virginia|US East (N. Virginia)|N. Virginia
aws us-east-2 US OH Ohio|US East (Ohio)
aws us-west-1 US CA Northern California|US West (N. California)|N. California
aws us-west-2 US OR Oregon|US West (Oregon)
aws us-gov-east-1 US - GovCloud East|AWS GovCloud (US-East)
aws us-gov-west-1 US - GovCloud West|AWS GovCloud (US-West)
aws af-south-1 ZA - Cape Town|Africa (Cape Town)
aws ap-east-1 HK - Hong Kong|Asia Pacific (Hong Kong)
aws ap-east-2 TW - Taipei|Asia Pacific (Taipei)
aws ap-south-1 IN - Mumbai|Asia Pacific (Mumbai)
aws ap-south-2 IN - Hyderabad|Asia Pacific (Hyderabad)
aws ap-southeast-1 SG - Singapore|Asia Pacific (Singapore)
aws ap-southeast-2 AU - Sydney|Asia Pacific (Sydney)
aws ap-southeast-3 ID - Jakarta|Asia Pacific (Jakarta)
aws ap-southeast-4 AU - Melbourne|Asia Pacific (Melbourne)
aws ap-southeast-5 MY - Kuala Lumpur|Asia Pacific (Malaysia)
aws ap-southeast-6 NZ - Auckland|Asia Pacific (New Zealand)
aws ap-southeast-7 TH - Bangkok|Asia Pacific (Thailand)
aws ap-northeast-1 JP - Tokyo|Asia Pacific (Tokyo)
aws ap-northeast-2 KR - Seoul|Asia Pacific (Seoul)
aws ap-northeast-3 JP - Osaka|Asia Pacific (Osaka)
aws ca-central-1 CA - Montreal|Canada (Central)
aws ca-west-1 CA - Calgary|Canada West (Calgary)
aws eu-central-1 DE - Frankfurt|Europe (Frankfurt)|EU (Frankfurt)
aws eu-central-2 CH - Zurich|Europe (Zurich)
aws eu-west-1 IE - Dublin|Europe (Ireland)|EU (Ireland)
aws eu-west-2 GB - London|Europe (London)|EU (London)
aws eu-west-3 FR - Paris|Europe (Paris)|EU (Paris)
aws eu-north-1 SE - Stockholm|Europe (Stockholm)|EU (Stockholm)
aws eu-south-1 IT - Milan|Europe (Milan)
aws eu-south-2 ES - Aragon|Europe (Spain)
aws il-central-1 IL - Tel Aviv|Israel (Tel Aviv)
aws me-central-1 AE - Dubai|Middle East (UAE)
aws me-south-1 BH - Manama|Middle East (Bahrain)
aws mx-central-1 MX - Queretaro|Mexico (Central)
aws sa-east-1 BR - Sao Paulo|South America (Sao Paulo)|South America (São Paulo)
gcp us-central1 US IA Council Bluffs
gcp us-east1 US SC Moncks Corner
gcp us-east4 US VA Ashburn|Northern Virginia
gcp us-east5 US OH Columbus
gcp us-south1 US TX Dallas
gcp us-west1 US OR The Dalles
gcp us-west2 US CA Los Angeles
gcp us-west3 US UT Salt Lake City
gcp us-west4 US NV Las Vegas
gcp northamerica-northeast1 CA - Montreal
gcp northamerica-northeast2 CA - Toronto
gcp northamerica-south1 MX - Queretaro
gcp southamerica-east1 BR - Sao Paulo
gcp southamerica-west1 CL - Santiago
gcp europe-west1 BE - St. Ghislain
gcp europe-west2 GB - London
gcp europe-west3 DE - Frankfurt
gcp europe-west4 NL - Eemshaven
gcp europe-west6 CH - Zurich
gcp europe-west8 IT - Milan
gcp europe-west9 FR - Paris
gcp europe-west10 DE - Berlin
gcp europe-west12 IT - Turin
gcp europe-southwest1 ES - Madrid
gcp europe-north1 FI - Hamina
gcp europe-north2 SE - Stockholm
gcp europe-central2 PL - Warsaw
gcp asia-east1 TW - Changhua
gcp asia-east2 HK - Hong Kong
gcp asia-northeast1 JP - Tokyo
gcp asia-northeast2 JP - Osaka
gcp asia-northeast3 KR - Seoul
gcp asia-south1 IN - Mumbai
gcp asia-south2 IN - Delhi
gcp asia-southeast1 SG - Singapore
gcp asia-southeast2 ID - Jakarta
gcp australia-southeast1 AU - Sydney
gcp australia-southeast2 AU - Melbourne
gcp me-central1 QA - Doha
gcp me-central2 SA - Dammam
gcp me-west1 IL - Tel Aviv
gcp africa-south1 ZA - Johannesburg
digitalocean nyc1 US NY New York
digitalocean nyc2 US NY New York
digitalocean nyc3 US NY New York
digitalocean sfo1 US CA San Francisco
digitalocean sfo2 US CA San Francisco
digitalocean sfo3 US CA San Francisco
digitalocean atl1 US GA Atlanta
digitalocean ric1 US VA Richmond
digitalocean tor1 CA - Toronto
digitalocean lon1 GB - London
digitalocean fra1 DE - Frankfurt
digitalocean ams2 NL - Amsterdam
digitalocean ams3 NL - Amsterdam
digitalocean sgp1 SG - Singapore
digitalocean blr1 IN - Bangalore
digitalocean syd1 AU - Sydney
azure eastus US VA Virginia|East US
azure eastus2 US VA Virginia|East US 2
azure centralus US IA Iowa|Central US
azure northcentralus US IL Chicago|North Central US
azure southcentralus US TX San Antonio|South Central US
azure westcentralus US WY Wyoming|West Central US
azure westus US CA California|West US
azure westus2 US WA Washington|West US 2
azure westus3 US AZ Phoenix|West US 3
azure canadacentral CA - Toronto|Canada Central
azure canadaeast CA - Quebec City|Canada East
azure brazilsouth BR - Sao Paulo|Brazil South
azure mexicocentral MX - Queretaro|Mexico Central
azure northeurope IE - Dublin|North Europe
azure westeurope NL - Amsterdam|West Europe
azure uksouth GB - London|UK South
azure ukwest GB - Cardiff|UK West
azure francecentral FR - Paris|France Central
azure francesouth FR - Marseille|France South
azure germanywestcentral DE - Frankfurt|Germany West Central
azure germanynorth DE - Berlin|Germany North
azure switzerlandnorth CH - Zurich|Switzerland North
azure switzerlandwest CH - Geneva|Switzerland West
azure norwayeast NO - Oslo|Norway East
azure norwaywest NO - Stavanger|Norway West
azure swedencentral SE - Gavle|Sweden Central
azure polandcentral PL - Warsaw|Poland Central
azure italynorth IT - Milan|Italy North
azure spaincentral ES - Madrid|Spain Central
azure australiaeast AU - Sydney|Australia East
azure australiasoutheast AU - Melbourne|Australia Southeast
azure australiacentral AU - Canberra|Australia Central
azure eastasia HK - Hong Kong|East Asia
azure southeastasia SG - Singapore|Southeast Asia
azure japaneast JP - Tokyo|Japan East
azure japanwest JP - Osaka|Japan West
azure koreacentral KR - Seoul|Korea Central
azure koreasouth KR - Busan|Korea South
azure centralindia IN - Pune|Central India
azure southindia IN - Chennai|South India
azure westindia IN - Mumbai|West India
azure uaenorth AE - Dubai|UAE North
azure uaecentral AE - Abu Dhabi|UAE Central
azure qatarcentral QA - Doha|Qatar Central
azure israelcentral IL - Tel Aviv|Israel Central
azure southafricanorth ZA - Johannesburg|South Africa North
azure southafricawest ZA - Cape Town|South Africa West
azure newzealandnorth NZ - Auckland|New Zealand North
`;

export const REGIONS: readonly RegionInfo[] = RAW.trim()
  .split('\n')
  .map((line) => {
    const [head, ...names] = line.split('|');
    const [provider, id, country, state, ...city] = head!.split(' ');
    return {
      provider: provider as CloudProvider,
      id: id!,
      country: country!,
      ...(state && state !== '-' ? { state } : {}),
      city: city.join(' '),
      names,
    };
  });


export const EU_MEMBERS: readonly string[] = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

const BY_ID = new Map<string, RegionInfo>();
for (const r of REGIONS) BY_ID.set(`${r.provider}:${r.id.toLowerCase()}`, r);

/** ISO country of a region (GCP zones resolve to their region); undefined when unknown. */
export function countryOfRegion(provider: CloudProvider, region: string): string | undefined {
  const id = region.toLowerCase();
  const hit = BY_ID.get(`${provider}:${id}`) ?? (provider === 'gcp' ? BY_ID.get(`gcp:${id.replace(/-[a-z]$/, '')}`) : undefined);
  return hit?.country;
}
