import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pageLimit, PageQuery, ProblemGroups } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { RequireRole } from '../offices/require-role';
import { OfficeAuditPageDto } from './dto/office-audit.dto';
import { OfficeAuditRepository } from './office-audit.repository';
import { toOfficeAuditEntryDto } from './office-audit.mapper';

/** The office's own audit trail (運営指導): who changed which of its keys and staff users, and when. */
@ApiTags('audit')
@VendorAuth()
@RequireRole('admin')
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/audit')
export class OfficeAuditController {
  constructor(private readonly audit: OfficeAuditRepository) {}

  @ApiOperation({ summary: "The office's audit trail of key and staff changes — 操作履歴（監査ログ）" })
  @ApiProblems(...ProblemGroups.page)
  @Get()
  @ApiOkResponse({ type: OfficeAuditPageDto, description: "the calling office's own entries, newest first" })
  async list(
    @CurrentOffice() office: AuthenticatedOffice,
    @Query() query: PageQuery,
  ): Promise<OfficeAuditPageDto> {
    const page = await this.audit.pageForOffice(office.officeNumber, query.cursor, pageLimit(query));
    return { ...page, items: page.items.map(toOfficeAuditEntryDto) };
  }
}
