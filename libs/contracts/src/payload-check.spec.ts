import { randomUUID } from 'node:crypto';
import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { validateBundle } from '@careplan/spec';
import * as contracts from './index';
import { ALL_TOPICS, BaseEvent, type EventClass, KEY_ROLES, OFFICE_NUMBER_PATTERN } from './index';
import { payloadCheck } from './payload-check';

// The compiled checks must decide exactly what class-validator decides on the same decorators: every event
// class, its valid sample and many near misses at every field, nested ones included, run through both.

type Plain = Record<string, unknown>;

/** What the consumer did before: plainToInstance + validateSync. */
function byClassValidator(cls: new () => object, plain: unknown): boolean {
  const instance: object = plainToInstance(cls, plain);
  return validateSync(instance).length === 0;
}

/** The compiled check, on a copy (it gives the object it checks the class's prototype). */
const byCompiled = (cls: new () => object, plain: unknown) => payloadCheck(cls)(structuredClone(plain));

const EVENT_CLASSES = Object.values(contracts).filter(
  (v): v is EventClass =>
    typeof v === 'function' &&
    v.prototype instanceof BaseEvent &&
    typeof (v as { topic?: unknown }).topic === 'string',
);

const uuid = randomUUID();
const actor = { type: 'staff', id: randomUUID(), label: 'yamada' };
const file = {
  fileId: randomUUID(),
  name: 'plan.csv',
  kind: 'csv',
  contentType: 'text/csv',
  size: 10,
  sha256: 'a'.repeat(64),
};
const base = { eventId: randomUUID(), occurredAt: new Date().toISOString() };
const pair = {
  submissionId: randomUUID(),
  senderOfficeNumber: '1371201367',
  receiverOfficeNumber: '13A1500420',
};
const submission = { ...base, ...pair, files: [file, { ...file, fileId: randomUUID(), kind: 'attachment' }] };
// A real report (issues with nulls and numbers), as JSON carries it.
const report: unknown = JSON.parse(
  JSON.stringify(validateBundle([{ name: 'x.csv', bytes: Buffer.from('not a standard file') }])),
);
const verdict = {
  ...submission,
  ok: false,
  report,
  historyKeys: { insuredNumbers: ['0000012345'], truncated: false },
};
const receipt = { ...base, ...pair, deliveryId: randomUUID(), fileId: randomUUID(), actor };
const office = { ...base, officeNumber: '1371201367' };

const SAMPLES = new Map<EventClass, Plain>([
  [contracts.SubmissionReceivedEvent, { ...submission, actor }],
  [contracts.SubmissionValidatedEvent, { ...verdict, ok: true }],
  [contracts.SubmissionRejectedEvent, verdict],
  [contracts.DeliveryDeliveredEvent, { ...submission, deliveryId: randomUUID() }],
  [contracts.DeliveryDownloadedEvent, receipt],
  [contracts.DeliveryAcknowledgedEvent, receipt],
  [
    contracts.OfficeChangedEvent,
    { ...office, name: '居宅介護支援 さくら', kind: '居宅介護支援', active: true },
  ],
  [contracts.LicenseChangedEvent, { ...office, state: 'active', validUntil: '2027-03-31' }],
  [
    contracts.ApiKeyIssuedEvent,
    {
      ...office,
      keyId: randomUUID(),
      keyHash: 'b'.repeat(64),
      keyPrefix: 'cpk_abcd',
      label: '受付PC',
      source: 'office',
      role: 'member',
      actor,
    },
  ],
  [contracts.ApiKeyRevokedEvent, { ...office, keyId: randomUUID(), source: 'operator', actor }],
  [
    contracts.WebhookConfiguredEvent,
    { ...office, url: 'https://vendor.example/hooks', secretSealed: 'v1.abc' },
  ],
]);

const DELETE = Symbol('delete');
const lengths = [16, 20, 50, 200, 1000].flatMap((n) => [
  'a'.repeat(n),
  'a'.repeat(n + 1),
  '😀'.repeat(n), // validator.js counts a surrogate pair once
  'あ\uFE0F'.repeat(n), // and a character with its variation selector once
  'あ\uFE0F'.repeat(n + 1),
]);
/** Values tried at every field: each decorator's boundaries, wrong types, nulls, absence. */
const POOL: unknown[] = [
  DELETE,
  null,
  true,
  false,
  0,
  -0,
  -1,
  1,
  1.5,
  1e21,
  {},
  [],
  [{}],
  ['x'],
  [1],
  [file],
  { ja: 'x', en: 'y' },
  actor,
  Array<string>(5000).fill('1'),
  Array<string>(5001).fill('1'),
  '',
  ' ',
  'x',
  ...['1371201367', '13A1201367', '13I1201367', '13O1201367', '13Q1201367', '13a1201367', '137120136'],
  ...['13712013670', '1371201367\n', ' 1371201367', '１３７１２０１３６７'],
  ...['a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(64)}\n`],
  ...[uuid, uuid.toUpperCase(), `urn:uuid:${uuid}`, `{${uuid}}`, uuid.replaceAll('-', ''), `${uuid}\n`],
  ...['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ...['6ba7b810-9dad-01d1-80b4-00c04fd430c8', '6ba7b810-9dad-11d1-c0b4-00c04fd430c8'], // version 0, variant c
  ...['2026-11-26', '2026-11-26T09:00:00Z', '2026-11-26T09:00:00', '2026-11-26T09:00:00.000+09:00'],
  ...['2026-02-30', '2026-13-01T00:00:00Z', '20261126', '2026-W48', '2026-1-1', '2027-3-31', 'yesterday'],
  ...['http://localhost:8080/hook', 'https://vendor.example/hooks?x=1', 'ftp://vendor.example', 'http://'],
  ...['vendor.example/hooks', 'javascript:alert(1)', 'http://192.168.0.10/h', 'https://例え.jp/フック'],
  ...['csv', 'attachment', 'pdf', 'key', 'staff', 'error', 'warning', 'fatal', 'active', 'none', 'ended'],
  ...['operator', 'office', 'someone', ...KEY_ROLES, 'ADMIN'],
  ...lengths,
];

/** Every field's path in `value` (of a list, its first element's). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.length === 0 ? [] : [[...prefix, 0], ...pathsOf(value[0], [...prefix, 0])];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

/** `sample` with `value` at `path`, as JSON would carry it. */
function withValue(sample: Plain, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(sample);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return JSON.parse(JSON.stringify(copy));
}

/**
 * class-validator validates each element of a list given where @ValidateNested() (no `each`) expects an object,
 * so it lets `[]` or `[validObject]` through; the compiled check wants the object.
 */
function isListForObject(path: (string | number)[], value: unknown, error: string | undefined): boolean {
  return Array.isArray(value) && error === `${path.join('.')} must be object`;
}

describe('the compiled payload checks', () => {
  it('cover every topic, with a sample of each', () => {
    expect(EVENT_CLASSES.map((c) => c.topic).sort()).toEqual([...ALL_TOPICS].sort());
    expect(EVENT_CLASSES.filter((c) => !SAMPLES.has(c)).map((c) => c.name)).toEqual([]);
  });

  describe.each(EVENT_CLASSES.map((cls) => [cls.name, cls] as const))('%s', (_name, cls) => {
    const sample = SAMPLES.get(cls) ?? {};

    it('accepts its sample, as class-validator does, as an instance of the class', () => {
      expect(byClassValidator(cls, sample)).toBe(true);
      const checked = byCompiled(cls, sample);
      expect(checked.error).toBeUndefined();
      expect(checked.value).toBeInstanceOf(cls);
      expect(checked.value).toEqual(plainToInstance(cls, sample));
    });

    it('decides as class-validator does with any of many values at any field', () => {
      const disagreements: string[] = [];
      let refused = 0;
      for (const path of pathsOf(sample))
        for (const value of POOL) {
          const plain = withValue(sample, path, value);
          const expected = byClassValidator(cls, plain);
          const checked = byCompiled(cls, plain);
          if (!expected) refused++;
          if (expected && isListForObject(path, value, checked.error)) continue; // the one stricter case (below)
          if (expected !== (checked.error === undefined)) {
            const shown = typeof value === 'symbol' ? '(absent)' : JSON.stringify(value)?.slice(0, 40);
            disagreements.push(`${path.join('.')} = ${shown}: class-validator ${expected}, ${checked.error}`);
          }
        }
      expect(disagreements).toEqual([]);
      expect(refused).toBeGreaterThan(100); // the pool does reach the decorators
    });

    it('lets unknown fields through, as class-validator does', () => {
      const plain = { ...sample, addedLater: { any: 'thing' } };
      expect(byClassValidator(cls, plain)).toBe(true);
      expect(byCompiled(cls, plain).error).toBeUndefined();
    });
  });

  // Each decorator kind, refused by both, with a reason that names the field (the dead-letter header's).
  it.each<{ cls: EventClass; path: string; value: unknown; reason: string }>([
    { cls: contracts.SubmissionReceivedEvent, path: 'eventId', value: 'x', reason: 'eventId fails isUUID' },
    { cls: contracts.SubmissionReceivedEvent, path: 'eventId', value: DELETE, reason: 'eventId is missing' },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'occurredAt',
      value: 'yesterday',
      reason: 'occurredAt fails isISO8601',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'senderOfficeNumber',
      value: '13I1201367',
      reason: 'senderOfficeNumber must match',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files',
      value: [],
      reason: 'files must NOT have fewer than 1 items',
    },
    { cls: contracts.SubmissionReceivedEvent, path: 'files', value: 'x', reason: 'files must be array' },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files.1.size',
      value: 1.5,
      reason: 'files.1.size must be integer',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files.0.size',
      value: -1,
      reason: 'files.0.size must be >= 0',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files.0.kind',
      value: 'pdf',
      reason: 'files.0.kind must be one of csv, attachment',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files.0.sha256',
      value: 'A'.repeat(64),
      reason: 'files.0.sha256 must match',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'files.0.name',
      value: 1,
      reason: 'files.0.name must be string',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'actor.label',
      value: 'a'.repeat(201),
      reason: 'actor.label fails maxLength(200)',
    },
    {
      cls: contracts.SubmissionReceivedEvent,
      path: 'actor.id',
      value: DELETE,
      reason: 'actor.id is missing',
    },
    { cls: contracts.SubmissionRejectedEvent, path: 'ok', value: 'false', reason: 'ok must be boolean' },
    { cls: contracts.SubmissionRejectedEvent, path: 'report', value: 'x', reason: 'report must be object' },
    {
      cls: contracts.SubmissionRejectedEvent,
      path: 'report.files.0.issues.0.severity',
      value: 'fatal',
      reason: 'severity must be one of',
    },
    {
      cls: contracts.SubmissionRejectedEvent,
      path: 'report.files.0.rows',
      value: '1',
      reason: 'report.files.0.rows must be integer',
    },
    {
      cls: contracts.SubmissionRejectedEvent,
      path: 'historyKeys.insuredNumbers',
      value: Array(5001).fill('1'),
      reason: 'more than 5000',
    },
    {
      cls: contracts.SubmissionRejectedEvent,
      path: 'historyKeys.insuredNumbers.0',
      value: 'a'.repeat(21),
      reason: 'fails maxLength(20)',
    },
    {
      cls: contracts.SubmissionRejectedEvent,
      path: 'historyKeys.insuredNumbers.0',
      value: 1,
      reason: 'insuredNumbers.0 must be string',
    },
    {
      cls: contracts.LicenseChangedEvent,
      path: 'validUntil',
      value: '2027-3-31',
      reason: 'validUntil must match',
    },
    { cls: contracts.LicenseChangedEvent, path: 'state', value: 'paused', reason: 'state must be one of' },
    {
      cls: contracts.WebhookConfiguredEvent,
      path: 'url',
      value: 'ftp://vendor.example',
      reason: 'url fails isURL',
    },
    {
      cls: contracts.WebhookConfiguredEvent,
      path: 'secretSealed',
      value: 'a'.repeat(1001),
      reason: 'secretSealed fails maxLength(1000)',
    },
    {
      cls: contracts.ApiKeyIssuedEvent,
      path: 'keyPrefix',
      value: 'a'.repeat(17),
      reason: 'keyPrefix fails maxLength(16)',
    },
    {
      cls: contracts.ApiKeyIssuedEvent,
      path: 'role',
      value: 'root',
      reason: 'role must be one of admin, member',
    },
    { cls: contracts.DeliveryDownloadedEvent, path: 'fileId', value: 'x', reason: 'fileId fails isUUID' },
  ])('refuses $cls.name $path: $reason', ({ cls, path, value, reason }) => {
    const plain = withValue(SAMPLES.get(cls) ?? {}, path.split('.'), value);
    expect(byClassValidator(cls, plain)).toBe(false);
    expect(byCompiled(cls, plain).error).toContain(reason);
  });

  it.each<{ cls: EventClass; path: string; value: unknown }>([
    { cls: contracts.SubmissionReceivedEvent, path: 'actor', value: null },
    { cls: contracts.SubmissionReceivedEvent, path: 'actor', value: DELETE },
    { cls: contracts.SubmissionValidatedEvent, path: 'historyKeys', value: DELETE },
    { cls: contracts.SubmissionValidatedEvent, path: 'report.files.0.issues.0.row', value: null },
    { cls: contracts.WebhookConfiguredEvent, path: 'url', value: null },
    { cls: contracts.WebhookConfiguredEvent, path: 'secretSealed', value: null },
    { cls: contracts.DeliveryAcknowledgedEvent, path: 'fileId', value: DELETE },
  ])('lets $cls.name $path be $value', ({ cls, path, value }) => {
    const plain = withValue(SAMPLES.get(cls) ?? {}, path.split('.'), value);
    expect(byClassValidator(cls, plain)).toBe(true);
    expect(byCompiled(cls, plain).error).toBeUndefined();
  });

  it('reads office numbers with the same pattern, character by character', () => {
    const thirds = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz-_ ０Ａ'];
    for (const third of thirds) {
      const officeNumber = `13${third}1201367`;
      const plain = { ...office, name: 'x', kind: 'x', active: true, officeNumber };
      expect([third, byCompiled(contracts.OfficeChangedEvent, plain).error === undefined]).toEqual([
        third,
        OFFICE_NUMBER_PATTERN.test(officeNumber),
      ]);
    }
  });

  it('is stricter in one place: a list where a nested object belongs is refused', () => {
    for (const list of [[], [actor]]) {
      const plain = { ...submission, actor: list };
      expect(byClassValidator(contracts.SubmissionReceivedEvent, plain)).toBe(true);
      expect(
        isListForObject(['actor'], list, byCompiled(contracts.SubmissionReceivedEvent, plain).error),
      ).toBe(true);
    }
  });

  it('is compiled once per class', () => {
    expect(payloadCheck(contracts.OfficeChangedEvent)).toBe(payloadCheck(contracts.OfficeChangedEvent));
  });

  it('refuses a payload that is not an object', () => {
    expect(byCompiled(contracts.OfficeChangedEvent, [1]).error).toBe('the payload must be object');
    expect(byCompiled(contracts.OfficeChangedEvent, null).error).toBe('the payload must be object');
  });

  it('compiles a Matches with flags, or of a string, as class-validator matches them', () => {
    class Flags {
      @Matches(/^ab$/i) a!: string;
      @Matches('^c+$', 'i') c!: string;
    }
    for (const plain of [
      { a: 'AB', c: 'Cc' },
      { a: 'ab\n', c: 'c' },
      { a: 'ab', c: 'cd' },
    ])
      expect(byCompiled(Flags, plain).error === undefined).toBe(byClassValidator(Flags, plain));
  });

  it('types a property by all its decorators at once', () => {
    class Count {
      @Min(1) @IsInt() n!: number;
    }
    class CountToo {
      @IsInt() @Min(1) n!: number;
    }
    for (const cls of [Count, CountToo])
      expect(byCompiled(cls, { n: 1.5 }).error).toContain('n must be integer');
  });

  describe('refuses to compile what it cannot express', () => {
    @ValidatorConstraint({ name: 'even' })
    class Even implements ValidatorConstraintInterface {
      validate(n: unknown): boolean {
        return typeof n === 'number' && n % 2 === 0;
      }
    }
    class Custom {
      @Validate(Even) n!: number;
    }
    class Email {
      @IsEmail() to!: string;
    }
    class Conditional {
      @ValidateIf((o: Conditional) => o.to !== '') @IsString() to!: string;
    }
    class Untyped {
      @IsOptional() @ValidateNested() nested?: Email;
    }
    class Nested {
      @ValidateNested() @Type(() => Email) nested!: Email;
    }
    class Initialised {
      @IsString() to = 'x';
    }
    class Bare {
      to!: string;
    }
    class Transformed {
      @Transform(({ value }) => String(value)) @IsString() to!: string;
    }
    class Exposed {
      @Expose({ name: 'recipient' }) @IsString() to!: string;
    }
    it.each<[string, new () => object, string]>([
      ['a custom constraint', Custom, 'Custom.n: no compiled rule for @even'],
      ['a decorator without a rule', Email, 'Email.to: no compiled rule for @isEmail'],
      ['ValidateIf', Conditional, 'only @IsOptional'],
      ['ValidateNested without Type', Untyped, '@ValidateNested without @Type'],
      ['a nested class without a rule', Nested, 'Email.to: no compiled rule'],
      ['a field initialiser', Initialised, 'field initialisers (to)'],
      ['a class without decorators', Bare, 'Bare has no class-validator decorators'],
      ['Transform', Transformed, 'Transformed.to: @Transform is not supported'],
      ['Expose', Exposed, 'Exposed: @Expose and @Exclude are not supported'],
    ])('%s', (_what, cls, message) => {
      expect(() => payloadCheck(cls)).toThrow(message);
    });
  });
});
