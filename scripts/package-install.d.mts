import type { SpawnSyncReturns } from 'node:child_process';

export declare const NPM_ENV: Record<string, string>;
export interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  tarball: string;
}
export declare function pack(root: string, dest?: string): Packed;
export interface Project {
  dir: string;
  run(cmd: string, args: string[], opts?: { env?: Record<string, string> }): SpawnSyncReturns<string>;
}
export declare function installProject(packages: string[], opts?: { omitOptional?: boolean; name?: string; parent?: string }): Project;
export declare function du(dir: string): { bytes: number; files: number };
