// CloudFormation template checks: references, resource types and properties against the AWS
// resource specification (@aws-cdk/cfnspec), and the deployment rules CustOrder relies on.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseTemplate } from './cfn-yaml.mjs';

const require = createRequire(import.meta.url);
const spec = require('@aws-cdk/cfnspec/spec/specification.json');

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings',
  'Conditions', 'Transform', 'Resources', 'Outputs', 'Rules']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy',
  'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Metadata']);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+::[A-Za-z]+(::[A-Za-z]+)?(\.[A-Za-z]+)?|List<AWS::[A-Za-z0-9:.]+>|AWS::SSM::Parameter::(Name|Value<.+>))$/;
const SECRET_NAME = /(password|passwd|secret|apikey|api_key|token|privatekey|base64)/i;

const isIntrinsic = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1
  && /^(Ref|Condition|Fn::.+)$/.test(Object.keys(v)[0]);

export function checkTemplateFile(path) {
  return checkTemplate(parseTemplate(readFileSync(path, 'utf8')));
}

export function checkTemplate(t) {
  const errors = [];
  const err = (where, message) => errors.push(`${where}: ${message}`);
  if (!t || typeof t !== 'object') return ['template: not a mapping'];
  for (const key of Object.keys(t)) if (!TOP_LEVEL.has(key)) err('template', `unknown top-level section ${key}`);
  const parameters = t.Parameters ?? {};
  const resources = t.Resources ?? {};
  const conditions = t.Conditions ?? {};
  const mappings = t.Mappings ?? {};
  if (Object.keys(resources).length === 0) err('template', 'no Resources');
  const referable = (name) => PSEUDO.has(name) || name in parameters || name in resources;

  for (const [name, p] of Object.entries(parameters)) {
    if (!PARAMETER_TYPES.test(p?.Type ?? '')) err(`Parameters.${name}`, `invalid Type ${p?.Type}`);
    // Secrets come from Secrets Manager or SSM, never as plain-text parameters.
    if (SECRET_NAME.test(name) && !/(Arn|Name)$/.test(name)) err(`Parameters.${name}`, 'looks like a secret: pass a Secrets Manager / SSM reference (…Arn) instead');
  }

  // Every reference inside a value.
  function walk(value, where, locals = new Set()) {
    if (Array.isArray(value)) { value.forEach((v, i) => walk(v, `${where}[${i}]`, locals)); return; }
    if (!value || typeof value !== 'object') return;
    for (const [key, arg] of Object.entries(value)) {
      const at = `${where}.${key}`;
      if (key === 'Ref' && isIntrinsic(value)) {
        if (typeof arg !== 'string' || !referable(arg)) err(at, `Ref to undeclared ${JSON.stringify(arg)}`);
      } else if (key === 'Fn::GetAtt') {
        checkGetAtt(Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/s).slice(0, 2), at);
      } else if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof text !== 'string') err(at, 'Fn::Sub needs a string');
        const own = new Set(Object.keys(vars ?? {}));
        for (const [, expr] of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const [base, ...rest] = expr.trim().split('.');
          if (own.has(expr.trim())) continue;
          if (rest.length > 0 && base in resources) checkGetAtt([base, rest.join('.')], at);
          else if (!referable(expr.trim())) err(at, `\${${expr}} names nothing declared`);
        }
        walk(vars, at, locals);
      } else if (key === 'Fn::If') {
        if (!Array.isArray(arg) || arg.length !== 3) err(at, 'Fn::If needs [condition, then, else]');
        else if (!(arg[0] in conditions)) err(at, `condition ${arg[0]} is not declared`);
        walk(Array.isArray(arg) ? arg.slice(1) : arg, at, locals);
      } else if (key === 'Condition' && isIntrinsic(value)) {
        if (!(arg in conditions)) err(at, `condition ${arg} is not declared`);
      } else if (key === 'Fn::FindInMap') {
        if (typeof arg?.[0] === 'string' && !(arg[0] in mappings)) err(at, `mapping ${arg[0]} is not declared`);
        walk(arg, at, locals);
      } else {
        walk(arg, at, locals);
      }
    }
  }

  function checkGetAtt([resource, attribute], at) {
    if (!(resource in resources)) { err(at, `GetAtt on undeclared resource ${resource}`); return; }
    const type = spec.ResourceTypes[resources[resource]?.Type];
    if (type && typeof attribute === 'string' && !(attribute in (type.Attributes ?? {}))) {
      err(at, `${resources[resource].Type} has no attribute ${attribute}`);
    }
  }

  // Properties against the specification, recursively through property types.
  function checkProperties(props, specProps, typeName, where) {
    if (isIntrinsic(props)) { checkIfBranches(props, (v, w) => checkProperties(v, specProps, typeName, w), where); return; }
    if (!props || typeof props !== 'object' || Array.isArray(props)) { err(where, 'expected a mapping'); return; }
    for (const [name, value] of Object.entries(props)) {
      const ps = specProps[name];
      if (!ps) { err(where, `unknown property ${name}`); continue; }
      checkValue(value, ps, typeName, `${where}.${name}`);
    }
    for (const [name, ps] of Object.entries(specProps)) {
      if (ps.Required && !(name in props)) err(where, `missing required property ${name}`);
    }
  }

  function checkValue(value, ps, typeName, where) {
    if (isIntrinsic(value)) { checkIfBranches(value, (v, w) => checkValue(v, ps, typeName, w), where); return; }
    if (ps.Type === 'List') {
      if (!Array.isArray(value)) { err(where, 'expected a list'); return; }
      if (ps.ItemType) value.forEach((item, i) => checkNamed(item, ps.ItemType, typeName, `${where}[${i}]`));
    } else if (ps.Type === 'Map') {
      if (typeof value !== 'object' || Array.isArray(value)) err(where, 'expected a mapping');
      else if (ps.ItemType) for (const [k, v] of Object.entries(value)) checkNamed(v, ps.ItemType, typeName, `${where}.${k}`);
    } else if (ps.Type) {
      checkNamed(value, ps.Type, typeName, where);
    } else if (ps.PrimitiveType && ps.PrimitiveType !== 'Json' && typeof value === 'object' && value !== null) {
      err(where, `expected a ${ps.PrimitiveType}`);
    }
  }

  function checkNamed(value, type, typeName, where) {
    if (isIntrinsic(value)) { checkIfBranches(value, (v, w) => checkNamed(v, type, typeName, w), where); return; }
    const definition = spec.PropertyTypes[`${typeName}.${type}`] ?? spec.PropertyTypes[type];
    if (!definition) return;
    if (definition.Properties) checkProperties(value, definition.Properties, typeName, where);
  }

  // Fn::If picks one of two values: check both (AWS::NoValue removes the value).
  function checkIfBranches(value, check, where) {
    if (!('Fn::If' in value) || !Array.isArray(value['Fn::If'])) return;
    value['Fn::If'].slice(1).forEach((branch, i) => {
      if (!(branch && branch.Ref === 'AWS::NoValue')) check(branch, `${where}.Fn::If[${i + 1}]`);
    });
  }

  for (const [name, c] of Object.entries(conditions)) walk(c, `Conditions.${name}`);
  for (const [name, r] of Object.entries(resources)) {
    const where = `Resources.${name}`;
    for (const key of Object.keys(r ?? {})) if (!RESOURCE_KEYS.has(key)) err(where, `unknown attribute ${key}`);
    const type = spec.ResourceTypes[r?.Type];
    if (!type && !/^(Custom::|AWS::CloudFormation::CustomResource$)/.test(r?.Type ?? '')) err(where, `unknown resource type ${r?.Type}`);
    if (type) checkProperties(r.Properties ?? {}, type.Properties ?? {}, r.Type, `${where}.Properties`);
    for (const d of [r?.DependsOn ?? []].flat()) if (!(d in resources)) err(`${where}.DependsOn`, `undeclared resource ${d}`);
    if (r?.Condition && !(r.Condition in conditions)) err(`${where}.Condition`, `undeclared condition ${r.Condition}`);
    for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy']) {
      if (r?.[policy] && !['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate'].includes(r[policy])) err(`${where}.${policy}`, `invalid ${r[policy]}`);
    }
    walk(r?.Properties, `${where}.Properties`);
  }
  for (const [name, o] of Object.entries(t.Outputs ?? {})) {
    if (!o || !('Value' in o)) err(`Outputs.${name}`, 'no Value');
    if (o?.Condition && !(o.Condition in conditions)) err(`Outputs.${name}`, `undeclared condition ${o.Condition}`);
    walk(o?.Value, `Outputs.${name}.Value`);
  }
  return errors;
}

// What CustOrder's deployment needs from the template, beyond being valid CloudFormation.
export function checkCustOrderRules(t) {
  const errors = [];
  const err = (where, message) => errors.push(`${where}: ${message}`);
  const resources = Object.entries(t.Resources ?? {});
  const ofType = (type) => resources.filter(([, r]) => r.Type === type);
  const json = JSON.stringify(t);

  const tgs = ofType('AWS::ElasticLoadBalancingV2::TargetGroup');
  if (tgs.length === 0) err('TargetGroup', 'none');
  for (const [name, r] of tgs) if (r.Properties?.HealthCheckPath !== '/health/ready') err(name, 'health check must be /health/ready');

  const dbs = ofType('AWS::RDS::DBInstance');
  if (dbs.length !== 1) err('Database', 'expected one AWS::RDS::DBInstance');
  for (const [name, r] of dbs) {
    const p = r.Properties ?? {};
    if (p.Engine !== 'postgres' || !String(p.EngineVersion).startsWith('16')) err(name, 'must be PostgreSQL 16');
    if (p.StorageEncrypted !== true) err(name, 'storage must be encrypted');
    if (p.PubliclyAccessible !== false) err(name, 'must not be publicly accessible');
    if (r.DeletionPolicy !== 'Snapshot') err(name, 'DeletionPolicy must be Snapshot');
    if (!p.MultiAZ?.Ref) err(name, 'MultiAZ must be a parameter');
    if (!p.DeletionProtection?.Ref) err(name, 'DeletionProtection must be a parameter');
    if (p.MasterUserPassword && !JSON.stringify(p.MasterUserPassword).includes('{{resolve:secretsmanager:')) err(name, 'master password must come from Secrets Manager');
  }

  const services = ofType('AWS::ECS::Service');
  if (services.length !== 1) err('Service', 'expected one AWS::ECS::Service');
  for (const [name, r] of services) {
    const breaker = r.Properties?.DeploymentConfiguration?.DeploymentCircuitBreaker;
    if (breaker?.Enable !== true || breaker?.Rollback !== true) err(name, 'needs the deployment circuit breaker with rollback');
    const count = r.Properties?.DesiredCount;
    const min = count?.Ref ? t.Parameters?.[count.Ref]?.MinValue : count;
    if (!(Number(min) >= 2)) err(name, 'DesiredCount must be at least 2');
  }
  for (const [name, r] of ofType('AWS::ECS::TaskDefinition')) {
    for (const c of r.Properties?.ContainerDefinitions ?? []) {
      for (const e of [c.Environment ?? []].flat()) {
        const entries = e?.['Fn::If'] ? e['Fn::If'].slice(1) : [e];
        for (const entry of entries) {
          if (entry?.Name && SECRET_NAME.test(entry.Name.replace(/^ConnectionStrings__/, ''))) err(name, `${entry.Name} is a secret: use Secrets, not Environment`);
        }
      }
      if (!(c.Secrets ?? []).some((s) => s?.Name === 'Auth__Signing__Base64')) err(name, 'the signing certificate must come from Secrets');
      if (!(c.PortMappings ?? []).some((m) => m.ContainerPort === 8080)) err(name, 'the container listens on 8080');
    }
  }
  for (const [name, r] of ofType('AWS::EC2::SecurityGroup')) {
    for (const rule of r.Properties?.SecurityGroupIngress ?? []) {
      const open = rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
      if (open && !(rule.FromPort === rule.ToPort && [80, 443].includes(rule.FromPort))) err(name, `open to the world on ${rule.FromPort}-${rule.ToPort}`);
      if (Number(rule.FromPort) <= 22 && Number(rule.ToPort) >= 22) err(name, 'SSH must not be open');
    }
  }
  if (!t.Outputs?.ServiceUrl) err('Outputs', 'ServiceUrl missing');
  if (/"NoEcho"/.test(json)) err('Parameters', 'NoEcho parameters carry secrets: use Secrets Manager');
  return errors;
}
