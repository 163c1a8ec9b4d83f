import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { OfficeAuditController } from './office-audit.controller';
import { OfficeAuditRepository } from './office-audit.repository';

/** GET /v1/audit: the office's audit trail, written by the keys and staff features (recordOfficeAudit). */
@Module({
  imports: [OfficesModule],
  controllers: [OfficeAuditController],
  providers: [OfficeAuditRepository],
})
export class OfficeAuditModule {}
