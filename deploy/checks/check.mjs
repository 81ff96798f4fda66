// Static checks of the delivery files, run by .ci/run (there is no Docker engine and no AWS here).
//   node deploy/checks/check.mjs                 all checks on the repository's files
//   node deploy/checks/check.mjs cfn FILE        only the CloudFormation checks, on FILE
//   node deploy/checks/check.mjs compose FILE    only the compose checks, on FILE
//   node deploy/checks/check.mjs circleci FILE   only the CircleCI checks, on FILE
// Exits 1 and lists the problems when any check fails.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { checkTemplate, checkCustOrderRules } from './cfn.mjs';
import { parseTemplate } from './cfn-yaml.mjs';
import { checkCompose } from './compose.mjs';
import { checkCircleCi } from './circleci.mjs';
import { checkDockerfile } from './dockerfile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [only, file] = process.argv.slice(2);

const checks = {
  cfn: (path = join(root, 'deploy/aws/custorder.yml')) => {
    const template = parseTemplate(readFileSync(path, 'utf8'));
    return [...checkTemplate(template), ...checkCustOrderRules(template)];
  },
  compose: (path = join(root, 'deploy/docker-compose.yml')) => checkCompose(path, join(root, 'deploy/.env.example')),
  circleci: (path = join(root, '.circleci/config.yml')) => checkCircleCi(path, root),
  dockerfile: () => checkDockerfile(root),
};

let failed = false;
for (const [name, check] of Object.entries(checks)) {
  if (only && only !== name) continue;
  let errors;
  try {
    errors = check(file ? resolve(file) : undefined);
  } catch (e) {
    errors = [`cannot be read: ${e.message.split('\n')[0]}`];
  }
  if (errors.length === 0) {
    console.log(`${name}: ok`);
  } else {
    failed = true;
    console.log(`${name}: ${errors.length} problem(s)`);
    for (const e of errors) console.log(`  ${e}`);
  }
}
if (only && !(only in checks)) {
  console.error(`unknown check ${only}`);
  process.exit(2);
}
process.exit(failed ? 1 : 0);
