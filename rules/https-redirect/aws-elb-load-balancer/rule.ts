import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, asArray, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'https-redirect/aws-elb-load-balancer',
  control: 'https-redirect',
  title: 'Internet-facing classic load balancers have no plain-HTTP listener',
  severity: 'high',
  risk: 'A classic load balancer cannot redirect: an HTTP listener serves the application in plaintext to anyone who types http://, breaking "any HTTP connection is redirected to HTTPS".',
  remediation: {
    text: 'Remove the HTTP listener (keep HTTPS/SSL only) or redirect in the application; better, migrate to an Application Load Balancer with an HTTP→HTTPS redirect action.',
    cdk: "new elbv2.ApplicationLoadBalancer(this, 'Alb', { ... }).addRedirect() // classic LBs cannot redirect",
    cloudformation: 'Listeners:\n  - LoadBalancerPort: "443"\n    InstancePort: "80"\n    Protocol: HTTPS\n    SSLCertificateId: !Ref Certificate',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html'],
  types: ['aws.elb.load-balancer'],
  sources: ['iac'],
  check(r) {
    const scheme = known(r, 'Scheme');
    if (scheme === 'internal') return notApplicable('internal load balancer: not an internet-facing entry point', ev('Scheme', scheme));
    const listeners = asArray(known(r, 'Listeners'));
    const plain: string[] = [];
    const evidence = listeners.map((l, i) => {
      const path = `Listeners[${i}].Protocol`;
      const proto = text(must((l as Record<string, unknown> | null)?.Protocol, path)).toUpperCase();
      const port = text((l as Record<string, unknown> | null)?.LoadBalancerPort);
      if (proto === 'HTTP') plain.push(`HTTP:${port}`);
      return ev(path, proto, 'HTTPS or SSL', proto === 'HTTP' ? 'a classic load balancer cannot redirect HTTP to HTTPS' : undefined);
    });
    if (plain.length) return fail(`plain-HTTP listener${plain.length > 1 ? 's' : ''} ${plain.join(', ')} serve without redirecting (classic load balancers cannot redirect)`, ...evidence);
    return pass(`no plain-HTTP listener (${listeners.length} listeners)`, ...evidence);
  },
});
