import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OpsAuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit log's read side (features write their entries with recordAudit in their own transaction). */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsAuditController],
  providers: [AuditService, AuditRepository],
  exports: [AuditService],
})
export class AuditModule {}
