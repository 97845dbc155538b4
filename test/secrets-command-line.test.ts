import { describe, it, expect } from 'vitest';
import { scanResource } from '../src/sources/iac/template-secrets.js';

const ctx = { parameters: new Set<string>(), condition: () => undefined };
const sites = (script: string) => scanResource({ Type: 'AWS::EC2::Instance', Properties: { UserData: { 'Fn::Base64': script } } }, ctx);

describe('credentials given on a command line inside script text', () => {
  it('finds each command shape and says which one, without the value', () => {
    const cases: [string, string][] = [
      ["tmsh modify auth user admin password 'Gr4nite-Lake-77'\n", 'password'],
      ['mysql -u root -pTealOtter42 -e "select 1"\n', 'mysql -p'],
      ["psql -c \"ALTER USER app WITH PASSWORD 'Quartz-Field-19'\"\n", 'password'],
      ["mysql -e \"CREATE USER 'a'@'%' IDENTIFIED BY 'Quartz-Field-19'\"\n", 'password'],
      ['/opt/agent/install --db-password "Cobalt-Reef-23"\n', '--password'],
      ["echo 'deploy:Marble-Owl-58' | sudo chpasswd\n", 'chpasswd'],
      ["echo 'Marble-Owl-58' | passwd --stdin deploy\n", 'passwd --stdin'],
      ['net user svc Wint3r-Pine-31 /add\n', 'net user'],
      ["ConvertTo-SecureString -String 'Amber-Crane-64' -AsPlainText -Force\n", 'ConvertTo-SecureString'],
      ["sshpass -p 'Amber-Crane-64' ssh ops@10.0.0.5\n", 'sshpass -p'],
      ['docker login -u ci -p Amber-Crane-64 registry.example.com\n', 'docker login -p'],
      ['htpasswd -bc /etc/nginx/.htpasswd admin Amber-Crane-64\n', 'htpasswd -b'],
      ['java -jar agent.jar -url https://ci.example.com -secret 3f9a7c2e1b4d8f6a0c5e9b2d -name a\n', '-secret'],
      ["openssl enc -aes-256-cbc -pass 'pass:Amber-Crane-64' -in f\n", '-secret'],
      // An existing account's password (no /add), in a PowerShell block and in a batch script.
      ["<powershell>\nnet user Administrator 'Amber-Crane-64'\n</powershell>\n", 'net user'],
      ['<script>\r\nnet user builder Amber-Crane-64\r\n</script>\n', 'net user'],
      // -AsPlainText (and -Force) before the string.
      ["ConvertTo-SecureString -AsPlainText -Force -String 'Amber-Crane-64'\n", 'ConvertTo-SecureString'],
      ['Set-ADAccountPassword -Identity svc -Reset -NewPassword (ConvertTo-SecureString -AsPlainText "Amber-Crane-64" -Force)\n', 'ConvertTo-SecureString'],
      // Space-separated variable directives and setters.
      ['echo "SetEnv DB_PASSWORD Amber-Crane-64" >> /etc/httpd/conf.d/app.conf\n', 'DB_PASSWORD'],
      ['fastcgi_param DB_PASSWORD "Amber-Crane-64";\n', 'DB_PASSWORD'],
      ['ENV API_TOKEN Amber-Crane-64\n', 'API_TOKEN'],
      ['setx SMTP_PASSWORD "Amber-Crane-64" /M\n', 'SMTP_PASSWORD'],
      ["[Environment]::SetEnvironmentVariable('API_TOKEN', 'Amber-Crane-64', 'Machine')\n", 'API_TOKEN'],
      // A shell assignment in front of a command, and a PowerShell/PHP variable given a quoted literal.
      ['PGPASSWORD=AmberCrane64 psql -h db -U app -c "select 1"\n', 'PGPASSWORD'],
      ['docker run -d -e REDIS_PASSWORD=AmberCrane64 redis:7\n', 'REDIS_PASSWORD'],
      ["$AdminPassword = 'Amber-Crane-64'\n", 'AdminPassword'],
      ['$db_password = "Amber-Crane-64";\n', 'db_password'],
    ];
    for (const [script, name] of cases) {
      const found = sites(`#!/bin/bash\n${script}`);
      expect(found.map((s) => s.name), script).toContain(name);
      expect(JSON.stringify(found), script).not.toMatch(/Gr4nite|TealOtter|Quartz|Cobalt|Marble|Wint3r|Amber|3f9a7c2e/);
    }
  });

  it('leaves variables, prompts, files and look-alike options alone', () => {
    for (const script of [
      'tmsh modify auth user admin password "$PW"\n',
      'mysql -u root -p"$PW" -e "select 1"\nmysql -u root -p < schema.sql\nmysql -P3306 -h db\n',
      '/opt/agent/install --password-file /etc/pw --token-ttl 3600 --api-key-id abc --secret-id arn:aws:secretsmanager:x\n',
      'java -jar agent.jar -secret @/run/secrets/agent -secret-file /etc/agent -token $TOKEN\n',
      'echo "deploy:$DEPLOY_PW" | chpasswd\nnet user svc * /add\n',
      "Write-Output 'set the password in the console'\n$pw = ConvertTo-SecureString $env:PW -AsPlainText -Force\n",
      'net user Administrator /active:yes\nnet user Administrator $pw\nnet user %U% %PW%\nnet user deploy\n',
      'ConvertTo-SecureString -AsPlainText -Force -String $pw\n',
      'echo "SetEnv DB_PASSWORD $DB_PW" >> a.conf\necho "SetEnv DB_HOST db.internal" >> a.conf\nfastcgi_param DB_PASSWORD \\$db_password;\n',
      'setx PATH "%PATH%;C:\\tools" /M\nENV DB_PASSWORD <password>\n',
      'PGPASSWORD=$PW psql -h db\ndocker run -e REDIS_PASSWORD="$REDIS_PW" redis\necho $T | docker login --password-stdin -u ci r.example.com\n',
      '$AdminPassword = "$env:ADMIN_PW"\n$db_password = $_POST[\'password\'];\n',
    ])
      expect(sites(`#!/bin/bash\n${script}`).map((s) => s.name), script).toEqual([]);
  });

  it('stays linear on hostile text (64 KiB of near-matches)', () => {
    const t0 = process.hrtime.bigint();
    for (const unit of ['--a-', 'mysql -x ', 'docker login -u a ', 'ConvertTo-SecureString \'a\' ', "echo 'a:b' | ", 'net user a b ', 'password ', 'SetEnv a_PASSWORD ', 'ConvertTo-SecureString -AsPlainText ', '$a_password = ', 'X_PASSWORD=a ', "SetEnvironmentVariable('a', "]) sites(unit.repeat(Math.ceil(65536 / unit.length)));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(ms).toBeLessThan(5000);
  });
});
