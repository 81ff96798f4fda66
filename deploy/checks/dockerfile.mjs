// Dockerfile and .dockerignore: multi-stage, non-root, port, health check, and that every file
// the build copies from the context exists and is not ignored.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function ignoreMatcher(root) {
  const patterns = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const toRegex = (p) => new RegExp('^' + p.replace(/\/$/, '').replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0001').replace(/\*\*/g, '\u0002').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')
    .replace(/\u0001/g, '(.*/)?').replace(/\u0002/g, '.*') + '(/.*)?$');
  const rules = patterns.map((p) => ({ negate: p.startsWith('!'), re: toRegex(p.replace(/^!/, '')) }));
  return (path) => rules.reduce((ignored, r) => (r.re.test(path) ? !r.negate : ignored), false);
}

export function checkDockerfile(root) {
  const errors = [];
  const err = (where, message) => errors.push(`Dockerfile ${where}: ${message}`);
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const ignored = ignoreMatcher(root);
  const stages = lines.filter((l) => /^FROM /i.test(l));
  if (stages.length < 2) err('FROM', 'must be multi-stage');
  if (!/dotnet\/sdk:10\.0/.test(stages[0] ?? '')) err('FROM', 'build stage must be the .NET 10 SDK');
  if (!/dotnet\/aspnet:10\.0/.test(stages.at(-1) ?? '')) err('FROM', 'final stage must be the ASP.NET Core 10 runtime');
  const final = lines.slice(lines.lastIndexOf(stages.at(-1)));
  const user = final.filter((l) => /^USER /i.test(l)).at(-1);
  if (!user || /^USER\s+(root|0)(\s|:|$)/i.test(user)) err('USER', 'the final stage must run as a non-root user');
  if (!final.some((l) => /^EXPOSE\s+8080\b/i.test(l))) err('EXPOSE', 'must expose 8080');
  if (!final.some((l) => /^HEALTHCHECK .*\/health\/(ready|live)/i.test(l))) err('HEALTHCHECK', 'must check /health/ready or /health/live');
  const restore = lines.findIndex((l) => /^RUN dotnet restore/i.test(l));
  const sources = lines.findIndex((l) => /^COPY src\/ /i.test(l));
  if (restore < 0 || sources < 0 || restore > sources) err('RUN dotnet restore', 'must come before copying the sources (its own cached layer)');
  for (const line of lines.filter((l) => /^COPY /i.test(l) && !/--from=/i.test(l))) {
    const parts = line.split(/\s+/).slice(1).filter((p) => !p.startsWith('--'));
    for (const source of parts.slice(0, -1)) {
      const path = source.replace(/\/$/, '');
      if (!existsSync(join(root, path))) err(line, `${source} does not exist`);
      else if (ignored(path)) err(line, `${source} is excluded by .dockerignore`);
    }
  }
  for (const path of ['src/CustOrder.Api/Program.cs', 'src/CustOrder.Api/CustOrder.Api.csproj']) {
    if (ignored(path)) err('.dockerignore', `excludes ${path}`);
  }
  for (const path of ['.git', 'src/CustOrder.Api/bin/x', 'deploy/.env', 'keys/signing.pfx']) {
    if (!ignored(path)) err('.dockerignore', `does not exclude ${path}`);
  }
  return errors;
}
