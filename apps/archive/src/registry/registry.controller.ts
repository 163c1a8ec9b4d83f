import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  IssuedOfficeKeyDto,
  IssueKeyBody,
  OfficeKeyDto,
  OfficeNumberPipe,
  ProblemGroups,
  Problems,
} from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import {
  CreateOfficeDto,
  ListOfficesQuery,
  OfficeDto,
  OfficePageDto,
  UpdateOfficeDto,
} from './dto/office.dto';
import { RegistryService } from './registry.service';

/** Offices, and their API keys (kept by the gateway: these routes check scope, call it and audit). */
@ApiTags('offices')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any)
@Controller('ops/v1/offices')
export class OpsOfficesController {
  constructor(private readonly registry: RegistryService) {}

  @ApiOperation({ summary: 'Register an office — 事業所の登録' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OFFICE_NUMBER_CHECK_DIGIT,
    Problems.OFFICE_EXISTS,
    Problems.OPS_SCOPE,
    ...ProblemGroups.write,
  )
  @Post()
  @ApiCreatedResponse({ type: OfficeDto })
  create(@CurrentOperator() op: OperatorContext, @Body() dto: CreateOfficeDto): Promise<OfficeDto> {
    return this.registry.create(op, dto);
  }

  @ApiOperation({ summary: 'Search registered offices — 事業所の検索' })
  @ApiProblems(...ProblemGroups.page, Problems.OPS_SCOPE)
  @Get()
  @ApiOkResponse({ type: OfficePageDto })
  list(@CurrentOperator() op: OperatorContext, @Query() query: ListOfficesQuery): Promise<OfficePageDto> {
    return this.registry.list(op, query);
  }

  @ApiOperation({ summary: 'One registered office — 事業所の詳細' })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND)
  @Get(':no')
  @ApiOkResponse({ type: OfficeDto })
  get(@CurrentOperator() op: OperatorContext, @Param('no', OfficeNumberPipe) no: string): Promise<OfficeDto> {
    return this.registry.get(op, no);
  }

  @ApiOperation({ summary: "Change an office's name or kind — 事業所の変更" })
  @ApiProblems(
    Problems.OFFICE_NUMBER_INVALID,
    ...ProblemGroups.jsonBody,
    Problems.OFFICE_NOT_FOUND,
    ...ProblemGroups.write,
  )
  @Patch(':no')
  @ApiOkResponse({ type: OfficeDto })
  update(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: UpdateOfficeDto,
  ): Promise<OfficeDto> {
    return this.registry.update(op, no, dto);
  }

  @ApiOperation({ summary: 'Deactivate an office — 事業所の無効化' })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND, ...ProblemGroups.write)
  @Post(':no/deactivate')
  @ApiOkResponse({ type: OfficeDto })
  @HttpCode(200)
  deactivate(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<OfficeDto> {
    return this.registry.deactivate(op, no);
  }

  @ApiOperation({ summary: 'Issue an API key for an office (shown once) — APIキーの発行' })
  @ApiProblems(
    Problems.OFFICE_NUMBER_INVALID,
    ...ProblemGroups.jsonBody,
    Problems.OFFICE_NOT_FOUND,
    Problems.OFFICE_INACTIVE,
    ...ProblemGroups.write,
  )
  @Post(':no/keys')
  @ApiCreatedResponse({ type: IssuedOfficeKeyDto, description: 'the new key, shown this once only' })
  issueKey(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: IssueKeyBody,
  ): Promise<IssuedOfficeKeyDto> {
    return this.registry.issueKey(op, no, dto.label, dto.role);
  }

  @ApiOperation({ summary: "List an office's API keys — APIキー一覧" })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND)
  @Get(':no/keys')
  @ApiOkResponse({ type: [OfficeKeyDto], description: "the office's keys, oldest first, revoked ones too" })
  keys(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<OfficeKeyDto[]> {
    return this.registry.listKeys(op, no);
  }

  @ApiOperation({ summary: "Revoke an office's API key — APIキーの失効" })
  @ApiProblems(
    Problems.OFFICE_NUMBER_INVALID,
    ...ProblemGroups.input,
    Problems.OFFICE_NOT_FOUND,
    Problems.API_KEY_NOT_FOUND,
    ...ProblemGroups.write,
  )
  @Post(':no/keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOkResponse({
    type: OfficeKeyDto,
    description: 'the key; revoking again keeps the first revocation time',
  })
  revokeKey(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Param('keyId') keyId: string,
  ): Promise<OfficeKeyDto> {
    return this.registry.revokeKey(op, no, keyId);
  }
}
