// Breaking changes between two OpenAPI documents (a stored release and the current one), as a client
// written against the older one would meet them: an operation gone, a parameter newly required or gone, a
// request field newly required or gone, an enum or range a request may use narrowed, a type changed, or a
// response field gone (or no longer always there), inside the alternatives of a union too. Additions (routes, optional fields, response enum values)
// are not breaking.
type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

function resolver(document: Document) {
  return (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = document.components?.schemas?.[name] ?? {};
    }
    return current;
  };
}

const typeOf = (schema: Schema) => (schema.type === undefined ? undefined : JSON.stringify(schema.type));
/** The alternatives of an anyOf / oneOf, in order (zod writes a union's members in the order it has them). */
const variants = (schema: Schema) => (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
const props = (schema: Schema) => (schema.properties ?? {}) as Record<string, Schema>;
const required = (schema: Schema) => new Set((schema.required ?? []) as string[]);

export function breakingChanges(previous: Document, current: Document): string[] {
  const before = resolver(previous);
  const after = resolver(current);
  const problems: string[] = [];

  /** What a client may send: nothing it could send before may be refused now. */
  function request(old: Schema | undefined, now: Schema | undefined, where: string, depth = 0): void {
    if (depth > 12) return;
    const a = before(old);
    const b = after(now);
    if (typeOf(a) !== undefined && typeOf(b) !== undefined && typeOf(a) !== typeOf(b))
      problems.push(`${where}: type ${typeOf(a)} is now ${typeOf(b)}`);
    if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
      const gone = a.enum.filter((value) => !(b.enum as unknown[]).includes(value));
      if (gone.length > 0)
        problems.push(`${where}: no longer accepts ${gone.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    for (const [key, tighter] of [
      ['minimum', (x: number, y: number) => y > x],
      ['maximum', (x: number, y: number) => y < x],
      ['minLength', (x: number, y: number) => y > x],
      ['maxLength', (x: number, y: number) => y < x],
      ['minItems', (x: number, y: number) => y > x],
      ['maxItems', (x: number, y: number) => y < x],
    ] as const) {
      const x = a[key];
      const y = b[key];
      if (typeof y === 'number' && (typeof x !== 'number' || tighter(x, y)))
        problems.push(`${where}: ${key} ${x ?? 'none'} is now ${y}`);
    }
    const wasRequired = required(a);
    for (const name of required(b))
      if (!wasRequired.has(name)) problems.push(`${where}.${name}: newly required`);
    for (const [name, schema] of Object.entries(props(a))) {
      const next = props(b)[name];
      if (next === undefined) {
        if (b.additionalProperties === false) problems.push(`${where}.${name}: no longer accepted`);
        continue;
      }
      request(schema, next, `${where}.${name}`, depth + 1);
    }
    if (a.items && b.items) request(a.items as Schema, b.items as Schema, `${where}[]`, depth + 1);
    const [was, is] = [variants(a), variants(b)];
    if (was && is) {
      if (is.length < was.length)
        problems.push(`${where}: ${was.length - is.length} alternative(s) no longer accepted`);
      for (const [i, variant] of was.entries())
        if (is[i] !== undefined) request(variant, is[i], `${where}<${i}>`, depth + 1);
    }
  }

  /** What a client reads: nothing it could rely on may be gone. */
  function response(old: Schema | undefined, now: Schema | undefined, where: string, depth = 0): void {
    if (depth > 12) return;
    const a = before(old);
    const b = after(now);
    if (typeOf(a) !== undefined && typeOf(b) !== undefined && typeOf(a) !== typeOf(b))
      problems.push(`${where}: type ${typeOf(a)} is now ${typeOf(b)}`);
    const stillRequired = required(b);
    for (const [name, schema] of Object.entries(props(a))) {
      const next = props(b)[name];
      if (next === undefined) {
        problems.push(`${where}.${name}: removed`);
        continue;
      }
      if (required(a).has(name) && !stillRequired.has(name))
        problems.push(`${where}.${name}: no longer always present`);
      response(schema, next, `${where}.${name}`, depth + 1);
    }
    if (a.items && b.items) response(a.items as Schema, b.items as Schema, `${where}[]`, depth + 1);
    const [was, is] = [variants(a), variants(b)];
    if (was && is)
      for (const [i, variant] of was.entries())
        if (is[i] !== undefined) response(variant, is[i], `${where}<${i}>`, depth + 1);
  }

  for (const [path, item] of Object.entries(previous.paths)) {
    for (const method of METHODS) {
      const old = item[method];
      if (!old) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const now = current.paths[path]?.[method];
      if (!now) {
        problems.push(`${where}: removed`);
        continue;
      }
      const key = (p: Parameter) => `${p.in}:${p.name.toLowerCase()}`;
      const oldParams = new Map((old.parameters ?? []).map((p) => [key(p), p]));
      for (const parameter of now.parameters ?? []) {
        const before = oldParams.get(key(parameter));
        if (!before && parameter.required)
          problems.push(`${where} ${parameter.name}: new required parameter`);
        if (before && parameter.required && !before.required)
          problems.push(`${where} ${parameter.name}: newly required`);
        if (before) request(before.schema, parameter.schema, `${where} ${parameter.name}`);
      }
      for (const parameter of old.parameters ?? [])
        if (!(now.parameters ?? []).some((p) => key(p) === key(parameter)))
          problems.push(`${where} ${parameter.name}: parameter removed`);
      for (const [type, media] of Object.entries(old.requestBody?.content ?? {})) {
        const next = now.requestBody?.content[type];
        if (!next) problems.push(`${where}: no longer accepts ${type}`);
        else request(media.schema, next.schema, `${where} body`);
      }
      for (const [status, answer] of Object.entries(old.responses)) {
        if (!/^2/.test(status)) continue;
        const next = now.responses[status];
        if (!next) {
          problems.push(`${where}: no longer answers ${status}`);
          continue;
        }
        for (const [type, media] of Object.entries(answer.content ?? {})) {
          const nextMedia = next.content?.[type];
          if (!nextMedia) problems.push(`${where} ${status}: no longer ${type}`);
          else response(media.schema, nextMedia.schema, `${where} ${status}`);
        }
      }
    }
  }
  return problems;
}

export const majorOf = (version: string) => Number(version.split('.')[0]);

/** Stored release versions, highest first. */
export const byVersionDescending = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
};
