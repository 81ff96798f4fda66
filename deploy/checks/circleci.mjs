// .circleci/config.yml: the structure CustOrder's pipeline relies on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const BUILT_IN_STEPS = new Set(['checkout', 'run', 'save_cache', 'restore_cache', 'store_artifacts', 'store_test_results',
  'persist_to_workspace', 'attach_workspace', 'add_ssh_keys', 'setup_remote_docker', 'when', 'unless']);
const ORDER = ['build-test', 'coverage', 'push-image', 'deploy'];

export function checkCircleCi(configPath, root) {
  const errors = [];
  const err = (where, message) => errors.push(`${where}: ${message}`);
  const c = parse(readFileSync(configPath, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  if (c?.version !== 2.1) err('version', 'must be 2.1');
  const jobs = c.jobs ?? {};
  const executors = c.executors ?? {};
  const commands = c.commands ?? {};

  for (const [name, e] of Object.entries(executors)) {
    if (!e.docker?.[0]?.image && !e.machine && !e.macos) err(`executors.${name}`, 'no image');
  }
  const stepNames = (steps) => (steps ?? []).map((s) => (typeof s === 'string' ? s : Object.keys(s)[0]));
  for (const [name, cmd] of Object.entries(commands)) {
    for (const s of stepNames(cmd.steps)) if (!BUILT_IN_STEPS.has(s) && !(s in commands)) err(`commands.${name}`, `unknown step ${s}`);
  }
  for (const [name, job] of Object.entries(jobs)) {
    const executor = typeof job.executor === 'string' ? job.executor : job.executor?.name;
    if (executor && !(executor in executors)) err(`jobs.${name}`, `unknown executor ${executor}`);
    if (!executor && !job.docker?.[0]?.image && !job.machine) err(`jobs.${name}`, 'no executor or image');
    if (!job.steps?.length) err(`jobs.${name}`, 'no steps');
    for (const s of stepNames(job.steps)) if (!BUILT_IN_STEPS.has(s) && !(s in commands)) err(`jobs.${name}`, `unknown step ${s}`);
  }

  const text = readFileSync(configPath, 'utf8');
  for (const [, file] of text.matchAll(/checksum "([^"]+)"/g)) if (!existsSync(join(root, file))) err('cache key', `${file} does not exist`);
  for (const file of ['coverage.sh', 'deploy/aws/custorder.yml']) {
    if (!text.includes(file.replace(/^coverage\.sh$/, './coverage.sh'))) err('jobs', `${file} is not used`);
    if (!existsSync(join(root, file))) err('jobs', `${file} does not exist`);
  }

  const workflows = Object.entries(c.workflows ?? {}).filter(([k]) => k !== 'version');
  if (workflows.length !== 1) err('workflows', 'expected one workflow');
  for (const [wname, wf] of workflows) {
    const entries = new Map((wf.jobs ?? []).map((j) => (typeof j === 'string' ? [j, {}] : Object.entries(j)[0])));
    for (const [job, options] of entries) {
      if (!(job in jobs)) err(`workflows.${wname}`, `job ${job} is not defined`);
      for (const r of options?.requires ?? []) if (!entries.has(r)) err(`workflows.${wname}.${job}`, `requires unknown ${r}`);
      for (const ctx of [options?.context ?? []].flat()) if (typeof ctx !== 'string' || !ctx) err(`workflows.${wname}.${job}`, 'bad context');
    }
    ORDER.forEach((job, i) => {
      if (!entries.has(job)) { err(`workflows.${wname}`, `missing ${job}`); return; }
      const options = entries.get(job) ?? {};
      if (i > 0 && !(options.requires ?? []).includes(ORDER[i - 1])) err(`workflows.${wname}.${job}`, `must require ${ORDER[i - 1]}`);
      if (job === 'push-image' || job === 'deploy') {
        const only = [options.filters?.branches?.only ?? []].flat();
        if (only.length !== 1 || only[0] !== 'main') err(`workflows.${wname}.${job}`, 'must run only on main (filters.branches.only: main)');
        if (![options.context ?? []].flat().length) err(`workflows.${wname}.${job}`, 'credentials must come from a context');
      }
    });
  }

  const push = JSON.stringify(jobs['push-image'] ?? {});
  if (!push.includes('docker build') || !existsSync(join(root, 'Dockerfile'))) err('jobs.push-image', 'must build the Dockerfile');
  if (!push.includes('setup_remote_docker')) err('jobs.push-image', 'needs setup_remote_docker');
  if (!push.includes('$CIRCLE_SHA1') || !push.includes(':latest')) err('jobs.push-image', 'must tag with the commit SHA and latest');
  if (!JSON.stringify(jobs.deploy ?? {}).includes('cloudformation deploy')) err('jobs.deploy', 'must deploy the CloudFormation stack');
  if (/--disable-rollback/.test(text)) err('jobs.deploy', 'a failed deploy must roll back');
  for (const job of ['build-test', 'coverage']) {
    if (!stepNames(jobs[job]?.steps).includes('store_artifacts')) err(`jobs.${job}`, 'must store its results as artifacts');
  }
  const dotnet = JSON.stringify(executors.dotnet ?? {});
  if (!dotnet.includes('mcr.microsoft.com/dotnet/sdk:10.0') || !/postgres:16/.test(dotnet)) err('executors.dotnet', 'needs the .NET SDK image and a PostgreSQL 16 service');
  return errors;
}
