import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OfficeNumberPipe } from '../common/office-number.pipe';
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
@Controller('ops/v1/offices')
export class OpsOfficesController {
  constructor(private readonly registry: RegistryService) {}

  @Post()
  create(@CurrentOperator() op: OperatorContext, @Body() dto: CreateOfficeDto): Promise<OfficeDto> {
    return this.registry.create(op, dto);
  }

  @Get()
  list(@CurrentOperator() op: OperatorContext, @Query() query: ListOfficesQuery): Promise<OfficePageDto> {
    return this.registry.list(op, query);
  }

  @Get(':no')
  get(@CurrentOperator() op: OperatorContext, @Param('no', OfficeNumberPipe) no: string): Promise<OfficeDto> {
    return this.registry.get(op, no);
  }

  @Patch(':no')
  update(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: UpdateOfficeDto,
  ): Promise<OfficeDto> {
    return this.registry.update(op, no, dto);
  }

  @Post(':no/deactivate')
  @HttpCode(200)
  deactivate(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<OfficeDto> {
    return this.registry.deactivate(op, no);
  }

  @Post(':no/keys')
  issueKey(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: IssueKeyDto,
  ): Promise<IssuedKeyDto> {
    return this.registry.issueKey(op, no, dto.label);
  }

  @Get(':no/keys')
  keys(@CurrentOperator() op: OperatorContext, @Param('no', OfficeNumberPipe) no: string): Promise<KeyDto[]> {
    return this.registry.listKeys(op, no);
  }

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
