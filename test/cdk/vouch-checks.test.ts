import { describe, it, expect, beforeAll } from 'vitest';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { VouchChecks } from '../../cdk/vouch-checks.js';
import { acknowledge } from '../../cdk/acknowledge.js';
import { SecureBucket } from '../../cdk/secure-bucket.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { newApp, ENV, onlyControls } from './harness.js';

const CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

/** A stack with two violations of today's rules: a TLS 1.0 listener and SSH open to the world. */
function weakStack(app: ReturnType<typeof newApp>) {
  const stack = new Stack(app, 'Weak', { env: ENV });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const listener = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], sslPolicy: elbv2.SslPolicy.RECOMMENDED });
  listener.addAction('Ok', { action: elbv2.ListenerAction.fixedResponse(200) });
  const sg = new ec2.SecurityGroup(stack, 'Admin', { vpc });
  sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh from anywhere');
  return { stack, listener, sg };
}

function synthError(app: ReturnType<typeof newApp>): Error | undefined {
  try {
    app.synth();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('VouchChecks (synth-time plugin)', () => {
  beforeAll(async () => {
    await VouchChecks.preload();
  });

  it('fails synthesis with the rule ids and construct paths of the violations', () => {
    const app = newApp();
    weakStack(app);
    const plugin = VouchChecks.addTo(app);
    const err = synthError(app);
    expect(err?.message).toMatch(/tls-min\/aws-elbv2-listener/);
    expect(err?.message).toMatch(/bastion-only\/aws-security-group/);
    expect(err?.message).toContain('Weak/Alb/Https/Resource');
    expect(err?.message).toContain('Weak/Admin/Resource');
    // The plugin's evidence is vouch's own evidence document.
    const fails = plugin.lastEvidence!.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId);
    expect(fails).toEqual(expect.arrayContaining(['tls-min/aws-elbv2-listener', 'bastion-only/aws-security-group']));
  });

  it('passes a compliant stack and reports its counts', () => {
    const app = newApp();
    new SecureBucket(new Stack(app, 'Good', { env: ENV }), 'Data');
    const plugin = VouchChecks.addTo(app, { claims: onlyControls(['enc-rest', 'tls-min', 'public-access']) });
    expect(synthError(app)).toBeUndefined();
    expect(plugin.lastEvidence!.summary.byStatus.pass).toBeGreaterThan(0);
    expect(plugin.lastEvidence!.summary.byStatus.fail).toBe(0);
  });

  it('honours Validations.acknowledge in synthesis, and vouch check on the assembly records it as a suppression', async () => {
    const app = newApp();
    const { listener, sg } = weakStack(app);
    Validations.of(listener).acknowledge({ id: 'vouch::tls-min/aws-elbv2-listener', reason: 'legacy partner clients until the 2027 cut-over' });
    Validations.of(sg).acknowledge({ id: 'vouch::bastion-only/aws-security-group', reason: 'break-glass group, detached by default' });
    // Judged on the two controls this stack breaks on purpose (its VPC has no flow logs, its ALB no access logs).
    const profile = onlyControls(['tls-min', 'bastion-only']);
    VouchChecks.addTo(app, { claims: profile });
    expect(synthError(app)).toBeUndefined();

    const outdir = app.outdir;
    const doc = runEvaluation({ inventory: loadIac([outdir]), rules: await loadRules(), profile, command: 'test', inputs: [outdir] });
    const tls = doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener' && f.status === 'fail');
    expect(tls?.resource.constructPath).toBe('Weak/Alb/Https/Resource');
    expect(tls?.suppression).toMatchObject({ reason: 'legacy partner clients until the 2027 cut-over', origin: 'cdk', expired: false });
    expect(doc.summary.gatingFailures).toBe(0);
  });

  it('acknowledge() carries owner and expiry into the template, and an expired one stops suppressing', () => {
    const app = newApp();
    const { listener, sg } = weakStack(app);
    acknowledge(listener, 'tls-min/aws-elbv2-listener', 'partner cut-over', { owner: 'platform-team', expires: '2999-12-31' });
    acknowledge(sg, 'bastion-only/aws-security-group', 'was temporary', { owner: 'ops', expires: '2020-01-01' });
    const plugin = VouchChecks.addTo(app, { claims: onlyControls(['tls-min', 'bastion-only']) });
    const err = synthError(app);
    // The expired acknowledgement no longer suppresses; the live one does.
    expect(err?.message).toMatch(/bastion-only\/aws-security-group/);
    expect(err?.message).not.toMatch(/tls-min\/aws-elbv2-listener/);
    const tls = plugin.lastEvidence!.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener' && f.status === 'fail');
    expect(tls?.suppression).toMatchObject({ owner: 'platform-team', expires: '2999-12-31', origin: 'metadata', expired: false });
    const sshFinding = plugin.lastEvidence!.findings.find((f) => f.ruleId === 'bastion-only/aws-security-group' && f.status === 'fail');
    expect(sshFinding?.suppression).toMatchObject({ expired: true });
  });

  it('reportOnly reports violations without failing synthesis', () => {
    const app = newApp();
    weakStack(app);
    const plugin = VouchChecks.addTo(app, { reportOnly: true });
    expect(synthError(app)).toBeUndefined();
    expect(plugin.lastEvidence!.summary.byStatus.fail).toBeGreaterThanOrEqual(2);
  });

  it('judges against the claims: a TLS 1.2 listener fails only under a TLS 1.3 claim', () => {
    for (const [claims, shouldFail] of [[{ tlsMin: '1.2' }, false], [{ tlsMin: '1.3' }, true]] as const) {
      const app = newApp();
      const stack = new Stack(app, 'S', { env: ENV });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
      const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
      alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS }).addAction('Ok', {
        action: elbv2.ListenerAction.fixedResponse(200),
      });
      VouchChecks.addTo(app, { claims });
      const err = synthError(app);
      expect(Boolean(err?.message.match(/tls-min\/aws-elbv2-listener/)), JSON.stringify(claims)).toBe(shouldFail);
    }
  });
});
