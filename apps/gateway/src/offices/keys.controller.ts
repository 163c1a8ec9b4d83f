import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOffice, VendorAuth } from './api-key.guard';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { KeysService } from './keys.service';
import type { AuthenticatedOffice } from './offices.service';
import { RequireRole } from './require-role';

/**
 * An office manages its own keys, one per PC or program: the license covers any number of them. Its admin keys
 * do; member keys send and receive.
 */
@ApiTags('keys')
@VendorAuth()
@RequireRole('admin')
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @ApiOperation({ summary: "List the office's API keys — APIキー一覧" })
  @Get()
  @ApiOkResponse({
    type: ApiKeyListDto,
    description: "the calling office's keys, oldest first, revoked ones too",
  })
  list(@CurrentOffice() office: AuthenticatedOffice): Promise<ApiKeyListDto> {
    return this.keys.list(office);
  }

  @ApiOperation({ summary: 'Issue an API key (shown once) — APIキーの発行' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OFFICE_INACTIVE,
    Problems.API_KEY_LIMIT_REACHED,
    ...ProblemGroups.write,
  )
  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'the new key, shown this once only' })
  create(
    @CurrentOffice() office: AuthenticatedOffice,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.keys.create(office, body.label, body.role);
  }

  @ApiOperation({ summary: 'Revoke an API key — APIキーの失効' })
  @ApiProblems(
    ...ProblemGroups.input,
    Problems.API_KEY_NOT_FOUND,
    Problems.API_KEY_LAST_ADMIN,
    ...ProblemGroups.write,
  )
  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyDto, description: 'the revoked key; it stops working with the next request' })
  revoke(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ApiKeyDto> {
    return this.keys.revoke(office, id);
  }
}
