import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfficeNumberPipe, ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import {
  CreateOfficeDto,
  IssuedKeyDto,
  IssueKeyDto,
  KeyDto,
  ListOfficesQuery,
  OfficeDto,
  OfficePageDto,
  UpdateOfficeDto,
} from './dto/office.dto';
import { RegistryService } from './registry.service';

/** Offices and their API keys. */
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
  create(@CurrentOperator() op: OperatorContext, @Body() dto: CreateOfficeDto): Promise<OfficeDto> {
    return this.registry.create(op, dto);
  }

  @ApiOperation({ summary: 'Search registered offices — 事業所の検索' })
  @ApiProblems(...ProblemGroups.page, Problems.OPS_SCOPE)
  @Get()
  list(@CurrentOperator() op: OperatorContext, @Query() query: ListOfficesQuery): Promise<OfficePageDto> {
    return this.registry.list(op, query);
  }

  @ApiOperation({ summary: 'One registered office — 事業所の詳細' })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND)
  @Get(':no')
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
  issueKey(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: IssueKeyDto,
  ): Promise<IssuedKeyDto> {
    return this.registry.issueKey(op, no, dto.label);
  }

  @ApiOperation({ summary: "List an office's API keys — APIキー一覧" })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND)
  @Get(':no/keys')
  keys(@CurrentOperator() op: OperatorContext, @Param('no', OfficeNumberPipe) no: string): Promise<KeyDto[]> {
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
  revokeKey(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Param('keyId') keyId: string,
  ): Promise<KeyDto> {
    return this.registry.revokeKey(op, no, keyId);
  }
}
