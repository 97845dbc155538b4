import { defineRule, type EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, get, must, asArray, asRecord, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { adminIngressProblem } from '../_ingress.js';

/**
 * A Lightsail instance's firewall (Networking.Ports) admits SSH/RDP only from the
 * admin networks. Each port entry is read as a security-group ingress entry, one
 * per CIDR, with the shared bastion reading (../_ingress.ts). Without
 * Networking.Ports, the firewall keeps the default rules Lightsail creates with
 * every instance, which the Lightsail guide documents: SSH (22) and HTTP (80)
 * from any IPv4 address on Linux/Unix blueprints, RDP (3389) and HTTP on
 * Windows ones. That default entry is judged like an entry written in the
 * template (a Lightsail instance always has a public IP address).
 */
export default defineRule({
  id: 'bastion-only/aws-lightsail-instance',
  control: 'bastion-only',
  title: 'Lightsail instance firewalls admit SSH/RDP only from the admin networks',
  severity: 'high',
  risk: 'A Lightsail firewall rule that opens 22 or 3389 to any address lets the whole internet try to log in to the instance, outside the bastion path.',
  remediation: {
    text: 'List the instance\'s firewall in Networking.Ports and give SSH/RDP entries only the admin CIDRs (or the lightsail-connect alias for browser SSH); never 0.0.0.0/0 or ::/0.',
    cloudformation: 'Type: AWS::Lightsail::Instance\nProperties:\n  Networking:\n    Ports:\n      - { Protocol: tcp, FromPort: 443, ToPort: 443, Cidrs: [0.0.0.0/0] }\n      - { Protocol: tcp, FromPort: 22, ToPort: 22, Cidrs: [203.0.113.0/24] }',
  },
  references: [
    'https://docs.aws.amazon.com/lightsail/latest/userguide/understanding-firewall-and-port-mappings-in-amazon-lightsail.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lightsail-instance-port.html',
  ],
  types: ['aws.lightsail.instance'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    const ports = known(r, 'Networking.Ports');
    if (ports === undefined || ports === null) {
      // The documented default firewall: the admin port of the blueprint's platform open to every IPv4 address.
      // Either platform's default opens an admin port, so a blueprint the template does not settle still fails.
      const blueprint = get(r.properties, 'BlueprintId');
      const port = typeof blueprint === 'string' && /windows/i.test(blueprint) ? 3389 : 22;
      const problem = adminIngressProblem({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' }, '', r, undefined, undefined, ctx);
      const evidence = ev('Networking.Ports', null, 'firewall entries that admit SSH/RDP only from admin CIDRs', `omitted: Lightsail creates the instance with its default firewall, ${port === 22 ? 'SSH (TCP 22)' : 'RDP (TCP 3389)'} and HTTP (TCP 80) open to any IPv4 address (BlueprintId ${typeof blueprint === 'string' ? blueprint : 'not settled by the template: SSH on Linux, RDP on Windows'})`);
      if (problem?.status === 'fail') return fail(`the default Lightsail firewall admits ${port === 22 ? 'SSH' : 'RDP'} from any address (0.0.0.0/0): ${problem.why}`, evidence);
      if (problem) return unknown(`the default Lightsail firewall admits ${port === 22 ? 'SSH' : 'RDP'} from any address: ${problem.why}`, evidence);
      return pass('the default Lightsail firewall admits SSH/RDP only from an allowed source', evidence);
    }
    const bad: EvidenceItem[] = [];
    const unclear: EvidenceItem[] = [];
    asArray(ports).forEach((raw, i) => {
      const at = `Networking.Ports[${i}]`;
      const p = asRecord(raw);
      const proto = text(must(p.Protocol, `${at}.Protocol`)).toLowerCase();
      const base = { IpProtocol: proto === 'all' ? '-1' : proto, FromPort: must(p.FromPort, `${at}.FromPort`), ToPort: must(p.ToPort, `${at}.ToPort`) };
      const sources = [
        ...asArray(must(p.Cidrs, `${at}.Cidrs`)).map((c, j) => ({ entry: { ...base, CidrIp: must(c, `${at}.Cidrs[${j}]`) }, path: `${at}.Cidrs[${j}]` })),
        ...asArray(must(p.Ipv6Cidrs, `${at}.Ipv6Cidrs`)).map((c, j) => ({ entry: { ...base, CidrIpv6: must(c, `${at}.Ipv6Cidrs[${j}]`) }, path: `${at}.Ipv6Cidrs[${j}]` })),
      ];
      const aliases = asArray(must(p.CidrListAliases, `${at}.CidrListAliases`));
      if (sources.length === 0 && aliases.length === 0) {
        const problem = adminIngressProblem({ ...base, CidrIp: '0.0.0.0/0' }, at, r, undefined, undefined, ctx);
        // AccessFrom names the source when no CIDR does: "Anywhere (0.0.0.0/0)" (the console's word for any address).
        const from = must(p.AccessFrom, `${at}.AccessFrom`);
        if (problem && typeof from === 'string' && /anywhere|0\.0\.0\.0\/0/i.test(from)) {
          (problem.status === 'fail' ? bad : unclear).push(ev(`${at}.AccessFrom`, from, 'admin CIDRs only', `TCP ${problem.ports.join('/')}: ${problem.why}`));
          return;
        }
        // Otherwise which addresses an entry without sources admits is not stated in the template.
        if (problem) unclear.push(ev(at, { Protocol: proto, FromPort: base.FromPort, ToPort: base.ToPort }, 'Cidrs or Ipv6Cidrs naming the admin networks', 'an SSH/RDP entry that names no source addresses'));
        return;
      }
      for (const { entry, path } of sources) {
        const problem = adminIngressProblem(entry, '', r, undefined, undefined, ctx);
        if (!problem) continue;
        (problem.status === 'fail' ? bad : unclear).push(ev(path, problem.source, 'admin CIDRs only', `TCP ${problem.ports.join('/')}: ${problem.why}`));
      }
    });
    if (bad.length) return fail(`the firewall admits SSH/RDP from ${bad.length === 1 ? 'a source that is' : `${bad.length} sources that are`} not an admin network`, ...bad);
    if (unclear.length) return unknown('an SSH/RDP firewall entry has a source vouch cannot judge', ...unclear);
    return pass('no firewall entry admits SSH/RDP from outside the admin networks', ev('Networking.Ports', `${asArray(ports).length} entries`, 'SSH/RDP only from admin CIDRs'));
  },
});
