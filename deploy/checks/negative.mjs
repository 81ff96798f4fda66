// Proves the checks catch breakage: each case copies a real file, breaks it in one way, and
// expects `check.mjs <kind> <copy>` to exit non-zero naming the problem. Also expects the real
// files to pass. Run by .ci/run after the checks themselves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const template = 'deploy/aws/custorder.yml';
const compose = 'deploy/docker-compose.yml';
const circleci = '.circleci/config.yml';

// [kind, file, what, from, to, expected message]
const cases = [
  ['cfn', template, 'a dangling !Ref', 'SubnetId: !Ref PublicSubnetA', 'SubnetId: !Ref PublicSubnetZ', 'Ref to undeclared "PublicSubnetZ"'],
  ['cfn', template, 'an unknown resource type', 'Type: AWS::ECS::Cluster', 'Type: AWS::ECS::Clustr', 'unknown resource type AWS::ECS::Clustr'],
  ['cfn', template, 'a GetAtt of a missing attribute', '!GetAtt ExecutionRole.Arn', '!GetAtt ExecutionRole.Nope', 'has no attribute Nope'],
  ['cfn', template, 'a ${} in !Sub naming nothing', '${AWS::StackName}-app', '${StackNam}-app', '${StackNam} names nothing declared'],
  ['cfn', template, 'an undeclared condition in !If', '!If [HasCertificate, "true", "false"]', '!If [HasCert, "true", "false"]', 'condition HasCert is not declared'],
  ['cfn', template, 'a misspelt property', 'HealthCheckPath: /health/ready', 'HealthCheckPat: /health/ready', 'unknown property HealthCheckPat'],
  ['cfn', template, 'a missing required property', '      RouteTableId: !Ref PublicRouteTable\n      DestinationCidrBlock', '      DestinationCidrBlock', 'missing required property RouteTableId'],
  ['cfn', template, 'a DependsOn on nothing', 'DependsOn: [HttpListener, DatabaseSecretAttachment]', 'DependsOn: [HttpListener, Nothing]', 'undeclared resource Nothing'],
  ['cfn', template, 'a plain-text password parameter', '  TaskCpu:\n', '  DbPassword:\n    Type: String\n  TaskCpu:\n', 'looks like a secret'],
  ['cfn', template, 'no circuit breaker rollback', 'Rollback: true', 'Rollback: false', 'circuit breaker'],
  ['cfn', template, 'an unencrypted database', 'StorageEncrypted: true', 'StorageEncrypted: false', 'storage must be encrypted'],
  ['cfn', template, 'a YAML syntax error', 'Resources:\n', 'Resources:\n  - [\n', 'cannot be read'],
  ['compose', compose, 'an app that does not wait for a healthy database', 'condition: service_healthy', 'condition: service_started', 'service_healthy'],
  ['compose', compose, 'an unknown service key', '    restart: unless-stopped\n    environment:\n      POSTGRES_DB', '    restart: unless-stopped\n    enviroment: {}\n    environment:\n      POSTGRES_DB', 'schema'],
  ['compose', compose, 'an undocumented variable', '${CUSTORDER_PORT:-8000}', '${CUSTORDER_HOST_PORT:-8000}', 'CUSTORDER_HOST_PORT is used'],
  ['circleci', circleci, 'a deploy from every branch', '          context: [custorder-dockerhub, custorder-aws]\n          filters:\n            branches:\n              only: main\n', '          context: [custorder-dockerhub, custorder-aws]\n', 'must run only on main'],
  ['circleci', circleci, 'a workflow job that is not defined', '      - coverage:\n          requires: [build-test]', '      - coverage:\n          requires: [build-tests]', 'requires unknown build-tests'],
];

const dir = mkdtempSync(join(tmpdir(), 'custorder-checks-'));
const check = (kind, path) => {
  try {
    return { code: 0, out: execFileSync(process.execPath, [join(here, 'check.mjs'), kind, path], { encoding: 'utf8' }) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
};
let passed = 0;
let failed = 0;
for (const kind of ['cfn', 'compose', 'circleci']) {
  const file = { cfn: template, compose, circleci }[kind];
  const { code, out } = check(kind, join(root, file));
  if (code === 0) passed++; else { failed++; console.log(`FAIL: the real ${file} does not pass:\n${out}`); }
}
cases.forEach(([kind, file, what, from, to, expected], i) => {
  const original = readFileSync(join(root, file), 'utf8');
  if (!original.includes(from)) { failed++; console.log(`FAIL: ${what}: "${from}" not found in ${file}`); return; }
  const copy = join(dir, `${i}-${file.split('/').pop()}`);
  writeFileSync(copy, original.replace(from, to));
  const { code, out } = check(kind, copy);
  if (code !== 0 && out.includes(expected)) passed++;
  else { failed++; console.log(`FAIL: ${what} in ${file} was not caught (exit ${code}):\n${out}`); }
});
rmSync(dir, { recursive: true, force: true });
console.log(`delivery checks: ${passed} of ${passed + failed} cases as expected (real files pass, ${cases.length} broken copies rejected)`);
process.exit(failed ? 1 : 0);
