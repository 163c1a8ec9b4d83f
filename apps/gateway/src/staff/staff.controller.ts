import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { RequireRole } from '../offices/require-role';
import { CreateStaffBody, StaffUserDto, StaffUserListDto, UpdateStaffBody } from './dto/staff.dto';
import { StaffService } from './staff.service';

/** An office's admins manage its staff users: who may sign in, with which role. */
@ApiTags('staff')
@VendorAuth()
@RequireRole('admin')
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @ApiOperation({ summary: "List the office's staff users — スタッフ一覧" })
  @Get()
  @ApiOkResponse({ type: StaffUserListDto, description: 'oldest first; removed users are not listed' })
  list(@CurrentOffice() office: AuthenticatedOffice): Promise<StaffUserListDto> {
    return this.staff.list(office);
  }

  @ApiOperation({ summary: 'Create a staff user — スタッフの登録' })
  @ApiProblems(...ProblemGroups.jsonBody, Problems.STAFF_LOGIN_ID_TAKEN, ...ProblemGroups.write)
  @Post()
  @ApiCreatedResponse({ type: StaffUserDto })
  create(@CurrentOffice() office: AuthenticatedOffice, @Body() body: CreateStaffBody): Promise<StaffUserDto> {
    return this.staff.create(office, body);
  }

  @ApiOperation({
    summary: 'Change, suspend or resume a staff user, or set its password — スタッフの変更・利用停止',
  })
  @ApiProblems(...ProblemGroups.jsonBody, Problems.STAFF_NOT_FOUND, ...ProblemGroups.write)
  @Patch(':id')
  @ApiOkResponse({ type: StaffUserDto })
  update(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateStaffBody,
  ): Promise<StaffUserDto> {
    return this.staff.update(office, id, body);
  }

  @ApiOperation({ summary: 'Remove a staff user (its sessions end at once) — スタッフの削除' })
  @ApiProblems(...ProblemGroups.input, Problems.STAFF_NOT_FOUND, ...ProblemGroups.write)
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.staff.remove(office, id);
  }
}
