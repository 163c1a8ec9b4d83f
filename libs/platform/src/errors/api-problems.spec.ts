import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, DECORATORS } from '@nestjs/swagger';
import { ApiProblems } from './api-problems';
import { defineProblems } from './app.exception';

const P = defineProblems({
  KEY_MISSING: { status: 401, ja: 'キーなし', en: 'no key' },
  THING_NOT_FOUND: { status: 404, ja: 'なし', en: 'none' },
  THING_GONE: { status: 404, ja: '削除済み', en: 'gone' },
  THING_INVALID: { status: 422, ja: '不正', en: 'invalid' },
});

@ApiProblems(P.KEY_MISSING)
@Controller('things')
class ThingsController {
  @ApiProblems(P.THING_NOT_FOUND, P.THING_GONE)
  @Get(':id')
  @ApiOkResponse({ description: 'the thing' })
  get(): void {}

  @ApiProblems(P.THING_INVALID)
  @Post()
  create(): void {}

  @ApiProblems(P.THING_NOT_FOUND)
  @Post(':id/touch')
  @HttpCode(204)
  touch(): void {}

  helper(): void {}
}

const responses = (method: keyof ThingsController) =>
  Reflect.getMetadata(DECORATORS.API_RESPONSE, ThingsController.prototype[method]) as Record<
    string,
    { description: string; content?: Record<string, unknown> }
  >;

describe('@ApiProblems', () => {
  it("adds the controller's problems to each route's, one problem+json response per status naming its codes", () => {
    const get = responses('get');
    expect(Object.keys(get).sort()).toEqual(['200', '401', '404']);
    expect(get['200'].description).toBe('the thing');
    expect(get['401'].description).toBe('Problem: `KEY_MISSING`');
    expect(get['404'].description).toBe('Problem: `THING_NOT_FOUND`, `THING_GONE`');
    expect(Object.keys(get['404'].content ?? {})).toEqual(['application/problem+json']);
  });

  it("keeps a route's own success status (201 for a POST, or its @HttpCode)", () => {
    expect(Object.keys(responses('create')).sort()).toEqual(['201', '401', '422']);
    expect(Object.keys(responses('touch')).sort()).toEqual(['204', '401', '404']);
  });

  it('leaves what is no route alone', () => {
    expect(responses('helper')).toBeUndefined();
    expect(Reflect.getMetadata(DECORATORS.API_RESPONSE, ThingsController)).toBeUndefined();
  });
});
