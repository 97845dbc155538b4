/**
 * The package's declared layout, checked without running npm (fast tier):
 * what users install for each use, the licence, the Node versions.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pack.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

const CLOUD_SDK = /^(@aws-sdk\/|@smithy\/|@google-cloud\/|google-auth-library$|node-fetch$)/;

describe('package.json', () => {
  it('keeps cloud SDKs optional and aws-cdk-lib / constructs as optional peers, so a template checker installs small', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => CLOUD_SDK.test(d))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).not.toContain('aws-cdk-lib');
    expect(Object.keys(pkg.dependencies)).not.toContain('constructs');
    expect(pkg.peerDependencies?.['aws-cdk-lib']).toBeDefined();
    expect(pkg.peerDependenciesMeta?.['aws-cdk-lib']?.optional).toBe(true);
    expect(pkg.peerDependenciesMeta?.['constructs']?.optional).toBe(true);
  });

  it('has a LICENSE matching the license field', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(text).toMatch(/END OF TERMS AND CONDITIONS/);
  });
  it('declares the Node versions it supports, and runs on this one', () => {
    expect(pkg.engines.node).toBe('>=20.19');
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 20 || (major === 20 && minor >= 19)).toBe(true);
  });

  it('keeps a test-only package out of the runtime dependencies', () => {
    for (const devOnly of ['@google-cloud/compute', 'js-yaml', 'ajv', 'playwright-core', 'cdk-nag', 'vitest', 'typescript', 'esbuild']) {
      expect(pkg.dependencies, devOnly).not.toHaveProperty(devOnly);
      expect(pkg.optionalDependencies ?? {}, devOnly).not.toHaveProperty(devOnly);
    }
    expect(pkg.dependencies).not.toHaveProperty('xmlbuilder2');
  });

  it('has the two test tiers and the release check as scripts', () => {
    expect(pkg.scripts.test).toBe('vitest run --project fast');
    expect(pkg.scripts['test:integration']).toBe('vitest run --project integration');
    expect(pkg.scripts['release:check']).toMatch(/release-check/);
  });
});
