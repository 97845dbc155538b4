/**
 * DigitalOcean: what each part of a team scan reads and produces (the team is
 * one work unit). Calls are GETs of the v2 API (and the S3 API for Spaces).
 */
import type { ProviderDeclaration } from '../types.js';

export const digitalocean = {
  name: 'digitalocean',
  title: 'DigitalOcean',
  // The v2 API and the Spaces (S3) API.
  endpointNames: ['api', 'spaces'],
  base: {
    name: 'base',
    produces: ['digitalocean.team'],
    reads: [{ op: 'account.get', lists: ['digitalocean.team'] }],
  },
  services: [
    {
      name: 'compute',
      title: 'Droplets (with backup policies), cloud firewalls, volumes, snapshots',
      produces: ['digitalocean.droplet', 'digitalocean.firewall', 'digitalocean.volume', 'digitalocean.snapshot'],
      reads: [
        { op: 'droplets.list', lists: ['digitalocean.droplet'] },
        { op: 'droplets.list_backup_policies', lists: ['digitalocean.droplet'] },
        { op: 'firewalls.list', lists: ['digitalocean.firewall', 'digitalocean.droplet'] },
        { op: 'volumes.list', lists: ['digitalocean.volume'] },
        { op: 'snapshots.list', lists: ['digitalocean.snapshot'] },
      ],
    },
    {
      name: 'load-balancers',
      title: 'Load balancers',
      produces: ['digitalocean.load-balancer'],
      reads: [{ op: 'load_balancers.list', lists: ['digitalocean.load-balancer'] }],
    },
    {
      name: 'databases',
      title: 'Managed database clusters with their config, firewall rules and backups',
      produces: ['digitalocean.database'],
      reads: [
        { op: 'databases.list', lists: ['digitalocean.database'] },
        { op: 'databases.get_config' },
        { op: 'databases.list_firewall_rules' },
        { op: 'databases.list_backups' },
      ],
    },
    {
      name: 'spaces',
      title: 'Spaces buckets (S3 API; ACL and policy, never objects)',
      produces: ['digitalocean.spaces-bucket'],
      reads: [{ op: 'spaces.list_buckets', lists: ['digitalocean.spaces-bucket'] }, { op: 'spaces.get_bucket_acl+policy' }],
    },
  ],
  iacOnly: {},
} as const satisfies ProviderDeclaration;

export type DigitalOceanServiceName = (typeof digitalocean.services)[number]['name'];
