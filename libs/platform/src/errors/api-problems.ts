import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, DECORATORS, getSchemaPath } from '@nestjs/swagger';
import type { ProblemDefinition } from './app.exception';

export class ProblemMessageDto {
  @ApiProperty({ example: 'APIキーが正しくありません。' })
  ja!: string;

  @ApiProperty({ example: 'The API key is not valid.' })
  en!: string;
}

/**
 * The problem+json envelope (RFC 9457) as ProblemFilter writes it. Fields a problem adds about itself (`file`,
 * `limit`, `value`, `retryAfter` …) come beside these.
 */
export class ProblemDto {
  @ApiProperty({
    description: 'URI of the problem type, derived from the code',
    example: 'https://careplan-exchange.dev/problems/api-key-invalid',
  })
  type!: string;

  @ApiProperty({ description: 'message.en', example: 'The API key is not valid.' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status', example: 401 })
  status!: number;

  @ApiProperty({ description: 'Stable machine-readable code (docs/problems.md)', example: 'API_KEY_INVALID' })
  code!: string;

  @ApiProperty({ type: ProblemMessageDto, description: 'What to show the user, in Japanese and English' })
  message!: ProblemMessageDto;

  @ApiProperty({ description: 'The path of the request', example: '/v1/submissions' })
  instance!: string;

  @ApiPropertyOptional({ description: 'For a 5xx: quote it when reporting the failure', format: 'uuid' })
  errorId?: string;
}

const PROBLEMS = Symbol('careplan:problems');
const PROBLEM_JSON = 'application/problem+json';

type Route = (...args: never[]) => unknown;

/** The status a route answers on success unless it says otherwise, as Swagger's explorer reckons it. */
function successStatus(route: Route): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, route) as number | undefined;
  if (declared) return declared;
  return Reflect.getMetadata(METHOD_METADATA, route) === RequestMethod.POST ? 201 : 200;
}

/** The problem responses of one operation: one per status, listing the codes it can answer with it. */
function describe(route: Route, definitions: readonly ProblemDefinition[]): void {
  const known = (Reflect.getMetadata(PROBLEMS, route) as ProblemDefinition[] | undefined) ?? [];
  const all = [...known, ...definitions.filter((d) => !known.some((k) => k.code === d.code))];
  Reflect.defineMetadata(PROBLEMS, all, route);
  const responses: Record<string, unknown> = {
    ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, route) as object | undefined),
  };
  // Swagger documents a route's own success status only while it has no response metadata: keep it.
  if (!Object.keys(responses).some((status) => /^[23]/.test(status)))
    responses[successStatus(route)] = { description: '' };
  for (const status of [...new Set(all.map((d) => d.status))].sort((a, b) => a - b)) {
    const codes = all.filter((d) => d.status === status).map((d) => `\`${d.code}\``);
    responses[status] = {
      description: `Problem: ${codes.join(', ')}`,
      content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
    };
  }
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, route);
  ApiExtraModels(ProblemDto)(route, 'problems', { value: route });
}

/**
 * Documents the problems an operation can answer (from the registry, `Problems`), as application/problem+json
 * responses, one per status. On a controller, the codes (its guard's, usually) are added to every route of it;
 * on a method, to that route. Both add up.
 */
export function ApiProblems(...definitions: ProblemDefinition[]): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      describe(descriptor.value as Route, definitions);
      return descriptor;
    }
    // Class decorators run after the methods': every route is there, with its own problems.
    const prototype = (target as { prototype: object }).prototype;
    // (`constructor` is the class, which carries the controller's own path.)
    for (const name of Object.getOwnPropertyNames(prototype).filter((n) => n !== 'constructor')) {
      const route = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof route === 'function' && Reflect.hasMetadata(PATH_METADATA, route))
        describe(route as Route, definitions);
    }
    return target;
  }) as ClassDecorator & MethodDecorator;
}
