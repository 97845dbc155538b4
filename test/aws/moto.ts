/**
 * moto in server mode on 127.0.0.1 and a free port, for the AWS live tests.
 * If moto cannot be imported the tests fail with the reason: they never skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { prereq } from '../prereqs.js';

// The seeding clients run in the test process: keep the SDK's Node-version notice out of the test log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface Moto {
  url: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<Moto> {
  const python = prereq('python');
  const probe = spawnSync(python, ['-c', 'import moto, flask; print(moto.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(
      `moto is not importable with '${python}' (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}): ` +
        "the AWS live tests need it. Install with: pip install 'moto[server]==5.2.1' (or set VOUCH_PYTHON).",
    );
  const port = await freePort();
  const child: ChildProcess = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${stderr.trim().split('\n').pop()}`);
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not answer on ${url} within 60 s: ${stderr.trim().split('\n').pop()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async reset() {
      const r = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
