// node check-removals.mjs RELEASED_OPENAPI_JSON CURRENT_OPENAPI_JSON CHANGELOG_MD
// Fails (exit 1) when an operation (method and path), a request field or a success-response field of the
// released document is gone from the current one, unless a line of the changelog starting with
// "Deprecated:" or "Removed:" (after an optional "- ") names it: the operation as `METHOD /path`, a field
// as its operation and its dotted path (`POST /api/v1/auth/login request login`,
// `GET /api/v1/auth/me 200 data.email`; list items add `[]`: `data[].id`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const MAX_DEPTH = 8;

/** Every operation of a document, each with the field paths of its JSON request body and 2xx responses. */
export function contractOf(document) {
  const resolve = (schema) => {
    const seen = new Set();
    while (schema && schema.$ref && !seen.has(schema.$ref)) {
      seen.add(schema.$ref);
      schema = schema.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((node, key) => node?.[key], document);
    }
    return schema ?? {};
  };
  const fields = (schema, prefix, out, refs) => {
    if (!schema || refs.length > MAX_DEPTH) return;
    if (schema.$ref) {
      if (refs.includes(schema.$ref)) return; // a cycle: its fields are listed once already
      return fields(resolve(schema), prefix, out, [...refs, schema.$ref]);
    }
    for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) fields(part, prefix, out, refs);
    if (schema.items) fields(schema.items, prefix + '[]', out, refs);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.add(path);
      fields(property, path, out, refs);
    }
  };
  const json = (content) => content?.['application/json']?.schema;
  const operations = new Map();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m])) {
      const operation = item[method];
      const name = `${method.toUpperCase()} ${path}`;
      const out = new Set();
      const request = new Set();
      fields(json(resolve(operation.requestBody)?.content), '', request, []);
      request.forEach((f) => out.add(`request ${f}`));
      for (const [status, response] of Object.entries(operation.responses ?? {}).filter(([s]) => s.startsWith('2'))) {
        const body = new Set();
        fields(json(resolve(response).content), '', body, []);
        body.forEach((f) => out.add(`${status} ${f}`));
      }
      operations.set(name, out);
    }
  }
  return operations;
}

/** The notes of the changelog that allow a removal: lines starting with "Deprecated:" or "Removed:". */
export function notesOf(changelog) {
  return changelog.split('\n').map((line) => line.trim().replace(/^[-*]\s*/, ''))
    .filter((line) => /^(Deprecated|Removed):/i.test(line));
}

/** What the released document has and the current one lacks, without a note naming it. */
export function unannouncedRemovals(released, current, changelog) {
  const before = contractOf(released);
  const after = contractOf(current);
  const notes = notesOf(changelog);
  // A note names `METHOD /path` (followed by a space, a backtick or the end), or for a field also its
  // place: `METHOD /path 200 data.email`; naming a field covers the fields under it (data.user: data.user.id).
  const names = (note, text) => {
    const at = note.indexOf(text);
    return at >= 0 && /^($|[\s`.,;)])/.test(note.slice(at + text.length));
  };
  const noted = (operation, field) => notes.some((note) => {
    if (field === undefined) return names(note, operation);
    const [where, path] = field.split(' ');
    const parents = path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
    return parents.some((parent) => names(note, `${operation} ${where} ${parent}`));
  });
  const problems = [];
  for (const [operation, fields] of before) {
    if (!after.has(operation)) {
      if (!noted(operation)) problems.push(`operation removed: ${operation}`);
      continue;
    }
    for (const field of fields) {
      if (!after.get(operation).has(field) && !noted(operation, field)) problems.push(`field removed: ${operation} ${field}`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [released, current, changelog] = process.argv.slice(2);
  const read = (file) => readFileSync(file, 'utf8');
  const problems = unannouncedRemovals(JSON.parse(read(released)), JSON.parse(read(current)), read(changelog));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} removal(s) from ${released} without a "Deprecated:" or "Removed:" note in ${changelog}`);
    process.exit(1);
  }
  console.log(`no unannounced removals since ${released}`);
}
