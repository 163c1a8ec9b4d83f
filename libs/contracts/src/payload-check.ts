import Ajv, { type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_OBJECT,
  IS_OPTIONAL,
  IS_STRING,
  IS_URL,
  IS_UUID,
  isISO8601,
  isURL,
  isUUID,
  MATCHES,
  matches,
  MAX_LENGTH,
  maxLength,
  MIN,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadataArrayToSchemas } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';

// class-transformer keeps its @Type metadata in a module it does not type for import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformer = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};
const transformerStorage = transformer.defaultMetadataStorage;

/** A payload checked against its class: the value (an instance of the class), or why it is not one. */
export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

type Check<T> = (plain: unknown) => Checked<T>;
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
type Class = abstract new () => object;

/**
 * How each class-validator decorator the payload classes use becomes JSON Schema, and the JSON type it implies.
 * A check whose JSON Schema keyword differs from class-validator (ajv-formats' uuid takes a urn: prefix and any
 * version digit, its date-time wants a time zone, its url is not validator.js' isURL; maxLength counts U+FE0F)
 * is a format calling class-validator's own function, so both always agree. A decorator missing here (a custom
 * one, ValidateIf) fails the compilation: add a rule (and a case in payload-check.spec.ts) rather than check less.
 */
const RULES: Record<string, { type?: JsonType; schema?: (meta: ValidationMetadata) => SchemaObject }> = {
  [IS_STRING]: { type: 'string' },
  [IS_BOOLEAN]: { type: 'boolean' },
  [IS_INT]: { type: 'integer' },
  [IS_OBJECT]: { type: 'object' },
  [IS_ARRAY]: { type: 'array' },
  [MIN]: { type: 'number', schema: (m) => ({ minimum: number(m) }) },
  [ARRAY_MIN_SIZE]: { type: 'array', schema: (m) => ({ minItems: number(m) }) },
  [ARRAY_MAX_SIZE]: { type: 'array', schema: (m) => ({ maxItems: number(m) }) },
  [IS_IN]: { schema: (m) => ({ enum: primitives(m) }) },
  [IS_UUID]: { type: 'string', schema: (m) => format('isUUID', m, withArgument(isUUID, m)) },
  [IS_ISO8601]: { type: 'string', schema: (m) => format('isISO8601', m, withArgument(isISO8601, m)) },
  [IS_URL]: { type: 'string', schema: (m) => format('isURL', m, withArgument(isURL, m)) },
  [MAX_LENGTH]: { type: 'string', schema: (m) => format('maxLength', m, (s) => maxLength(s, number(m))) },
  [MATCHES]: { type: 'string', schema: pattern },
  // The converter's own rules: $ref to the @Type class, and "not required" (null is let through below).
  [ValidationTypes.NESTED_VALIDATION]: {},
  [ValidationTypes.CONDITIONAL_VALIDATION]: {},
};

// unicodeRegExp off: a `pattern` is compiled as `new RegExp(source)`, exactly the decorator's flagless literal.
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
const checks = new WeakMap<Class, Check<object>>();

/**
 * The check of `cls`'s class-validator decorators (those of its nested @Type classes too), compiled once into
 * an ajv validator: what plainToInstance + validateSync decide, without walking the metadata per payload. The
 * value it returns is the parsed object itself with `cls`'s prototype (handlers test `instanceof`); nested
 * objects stay plain, typed by the class. Throws at compilation for a decorator it cannot express (see RULES).
 */
export function payloadCheck<T extends object>(cls: new () => T): Check<T> {
  let check = checks.get(cls);
  if (!check) {
    check = compile(cls);
    checks.set(cls, check);
  }
  return check as Check<T>;
}

function compile(cls: new () => object): Check<object> {
  const validate = ajv.compile(schemaOf(cls));
  const prototype = cls.prototype as object;
  return (plain) => {
    if (!validate(plain)) return { error: describe(validate) };
    return { value: Object.setPrototypeOf(plain, prototype) as object };
  };
}

/** The JSON Schema of `cls`, its ancestors' and nested classes' under `definitions`. */
function schemaOf(cls: new () => object): SchemaObject {
  const classes = classTree(cls);
  const byName = new Map<string, Class>();
  for (const c of classes) {
    if (transformerStorage.getStrategy(c) !== 'none' || transformerStorage.getExposedMetadatas(c).length)
      throw new Error(`${c.name}: @Expose and @Exclude are not supported`);
    if (byName.has(c.name) && byName.get(c.name) !== c)
      throw new Error(`two classes named ${c.name} in ${cls.name}`);
    byName.set(c.name, c);
    // plainToInstance would fill a missing field with its initial value; the compiled check does not construct.
    const fields = Object.entries(new (c as new () => object)()).filter(([, v]) => v !== undefined);
    if (fields.length > 0)
      throw new Error(
        `${c.name}: field initialisers (${fields.map(([k]) => k).join(', ')}) are not supported`,
      );
  }
  const metas = classes.flatMap((c) => metadataOf(c).filter((m) => m.target === c));
  const definitions = validationMetadataArrayToSchemas(metas, {
    additionalConverters: converters(),
    classTransformerMetadataStorage: transformerStorage,
  }) as Record<string, SchemaObject>;
  for (const c of classes) fixProperties(c, definitions[c.name]);
  // The converter describes the classes that declare decorators; one that only inherits them is its parent's.
  for (const c of classes) definitions[c.name] ??= inherited(c, definitions);
  return { ...definitions[cls.name], definitions };
}

function inherited(cls: Class, definitions: Record<string, SchemaObject>): SchemaObject {
  for (let c = cls; c !== Function.prototype; c = Object.getPrototypeOf(c) as Class)
    if (definitions[c.name]) return definitions[c.name];
  // validateSync refuses an instance of a class without decorators (forbidUnknownValues).
  throw new Error(`${cls.name} has no class-validator decorators`);
}

/** `cls`, its ancestors and the classes its @ValidateNested properties name with @Type, transitively. */
function classTree(cls: Class): Class[] {
  const found = new Set<Class>();
  const pending: Class[] = [cls];
  for (let c = pending.pop(); c; c = pending.pop()) {
    if (found.has(c)) continue;
    found.add(c);
    const parent = Object.getPrototypeOf(c) as Class;
    if (parent !== Function.prototype) pending.push(parent);
    for (const m of metadataOf(c)) {
      // What plainToInstance would change before validating: the compiled check sees the payload as it is.
      if (
        transformerStorage.findTransformMetadatas(c, m.propertyName, TransformationType.PLAIN_TO_CLASS).length
      )
        throw new Error(`${c.name}.${m.propertyName}: @Transform is not supported`);
      if (m.type !== ValidationTypes.NESTED_VALIDATION) continue;
      const type = transformerStorage.findTypeMetadata(m.target as Class, m.propertyName);
      if (!type) throw new Error(`${c.name}.${m.propertyName}: @ValidateNested without @Type`);
      pending.push(type.typeFunction() as Class);
    }
  }
  return [...found];
}

/**
 * What validateSync checks on an instance of `cls` (its own and inherited decorators), each built-in
 * decorator named by its constraint as class-validator-jsonschema does; refuses what RULES does not know.
 */
function metadataOf(cls: Class): ValidationMetadata[] {
  const storage = getMetadataStorage();
  return storage.getTargetValidationMetadatas(cls, '', false, false).map((meta) => {
    const constraint = meta.constraintCls && storage.getTargetValidatorConstraints(meta.constraintCls)[0];
    const m: ValidationMetadata = { ...meta, type: constraint ? constraint.name : meta.type };
    const where = `${cls.name}.${m.propertyName}`;
    if (!(m.type in RULES))
      throw new Error(`${where}: no compiled rule for @${m.type} (payload-check.ts RULES)`);
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name !== IS_OPTIONAL)
      throw new Error(`${where}: only @IsOptional of the conditional decorators is compiled`);
    if (m.groups?.length || m.always !== undefined)
      throw new Error(`${where}: validation groups are not compiled`);
    return m;
  });
}

function converters(): ISchemaConverters {
  const out: ISchemaConverters = {};
  for (const [type, rule] of Object.entries(RULES)) {
    if (type === ValidationTypes.NESTED_VALIDATION) continue; // the converter's own $ref
    out[type] = (meta) => ({ ...(rule.type && { type: rule.type }), ...rule.schema?.(meta) });
  }
  return out;
}

/**
 * What the converter's merge of one property's fragments cannot say: the JSON type all its decorators imply
 * together (IsInt and Min: integer, whichever came last), and that @IsOptional lets null through as well as
 * absence.
 */
function fixProperties(cls: Class, schema: SchemaObject | undefined): void {
  const properties = schema?.properties as Record<string, SchemaObject> | undefined;
  if (!properties) return;
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadataOf(cls))
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  for (const [name, metas] of byProperty) {
    const where = `${cls.name}.${name}`;
    const property = properties[name];
    const outer = typeOf(
      where,
      metas.filter((m) => !m.each).map((m) => RULES[m.type].type),
    );
    if (outer) property.type = outer;
    if (metas.some((m) => m.each)) {
      property.type = typeOf(where, [outer, 'array']);
      const inner = typeOf(
        `${where}[]`,
        metas.filter((m) => m.each).map((m) => RULES[m.type].type),
      );
      if (inner) (property.items as SchemaObject).type = inner;
    }
    if (metas.some((m) => m.name === IS_OPTIONAL))
      properties[name] = { if: { type: 'null' }, else: property };
  }
}

/** The one JSON type that satisfies every implied type (integer is a number), or none when nothing is implied. */
function typeOf(where: string, types: (JsonType | undefined)[]): JsonType | undefined {
  const set = new Set(types.filter((t): t is JsonType => t !== undefined));
  if (set.has('integer')) set.delete('number');
  if (set.size > 1) throw new Error(`${where}: decorators imply ${[...set].join(' and ')}`);
  return [...set][0];
}

/** class-validator's check `fn` with the decorator's argument, as the decorator calls it. */
function withArgument<A>(
  fn: (s: string, arg?: A) => boolean,
  meta: ValidationMetadata,
): (s: string) => boolean {
  const arg = meta.constraints[0] as A | undefined;
  return (s) => fn(s, arg);
}

function number(meta: ValidationMetadata): number {
  const n: unknown = meta.constraints[0];
  if (typeof n !== 'number') throw new Error(`${meta.propertyName}: @${meta.type} needs a number`);
  return n;
}

function primitives(meta: ValidationMetadata): unknown[] {
  const values = meta.constraints[0] as unknown[];
  // ajv's enum compares deeply, class-validator's isIn with ===: the same for strings, numbers and booleans.
  if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
    throw new Error(`${meta.propertyName}: @IsIn of other than strings, numbers and booleans`);
  return values;
}

/** A flagless RegExp is the JSON Schema pattern itself; anything else is class-validator's matches(). */
function pattern(meta: ValidationMetadata): SchemaObject {
  const [re, modifiers] = meta.constraints as [RegExp | string, string | undefined];
  if (re instanceof RegExp && re.flags === '' && modifiers === undefined) return { pattern: re.source };
  // validator.js ignores the modifiers of a RegExp pattern, as class-validator's matches() then does.
  return format('matches', meta, (s) =>
    typeof re === 'string' ? matches(s, re, modifiers ?? '') : matches(s, re),
  );
}

/** A format named after the class-validator function and its arguments, registered once per name. */
function format(check: string, meta: ValidationMetadata, validate: (s: string) => boolean): SchemaObject {
  const args = meta.constraints.filter((c) => c !== undefined);
  const text = (a: unknown) => (a instanceof RegExp ? String(a) : (JSON.stringify(a) ?? String(a)));
  const name = args.length === 0 ? check : `${check}(${args.map(text).join(', ')})`;
  if (!ajv.formats[name]) ajv.addFormat(name, { type: 'string', validate });
  return { format: name };
}

/** The reasons, each naming the field (`files.0.sha256`), for the dead-letter header and the logs. */
function describe(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'else') // @IsOptional's wrapper: the inner reason says it
    .map(reason)
    .join('; ');
}

function reason(e: ErrorObject): string {
  const path = e.instancePath.slice(1).replaceAll('/', '.');
  if (e.keyword === 'required') {
    const field = (e.params as { missingProperty: string }).missingProperty;
    return `${path ? `${path}.` : ''}${field} is missing`;
  }
  if (e.keyword === 'format') return `${path} fails ${(e.params as { format: string }).format}`;
  if (e.keyword === 'enum')
    return `${path} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${path || 'the payload'} ${e.message ?? e.keyword}`;
}
