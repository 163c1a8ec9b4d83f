import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiOperation } from '@nestjs/swagger';
import {
  IssuedOfficeKeyDto,
  KeyRevocationDto,
  OfficeKeyListDto,
  OfficeNumberPipe,
  OperatorIssueKeyBody,
  OperatorRevokeKeyBody,
} from '@careplan/contracts';
import { InternalTokenGuard } from '@careplan/platform';
import { KeysService } from './keys.service';

/**
 * An office's keys for operators: the archive's /ops/v1/offices/:no/keys checks the operator's scope and the
 * registry, then calls these (internal listener only) naming the operator, whom the office's audit trail names.
 * The same keys as the office's own /v1/keys.
 */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/offices/:officeNumber/keys')
export class InternalKeysController {
  constructor(private readonly keys: KeysService) {}

  @ApiOperation({ summary: "An office's API keys, for operators — APIキー一覧" })
  @Get()
  list(@Param('officeNumber', OfficeNumberPipe) officeNumber: string): Promise<OfficeKeyListDto> {
    return this.keys.listForOperator(officeNumber);
  }

  @ApiOperation({ summary: 'Issue a key for an operator (source operator) — APIキーの発行' })
  @Post()
  issue(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Body() body: OperatorIssueKeyBody,
  ): Promise<IssuedOfficeKeyDto> {
    return this.keys.issueForOperator(officeNumber, body.operator, body.label, body.role);
  }

  @ApiOperation({ summary: 'Revoke a key for an operator — APIキーの失効' })
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: OperatorRevokeKeyBody,
  ): Promise<KeyRevocationDto> {
    return this.keys.revokeForOperator(officeNumber, id, body.operator);
  }
}
