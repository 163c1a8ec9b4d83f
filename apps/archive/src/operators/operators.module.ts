import { Module } from '@nestjs/common';
import { OperatorGuard } from './operator.guard';
import { OpsOperatorsController } from './operators.controller';
import { OperatorRepository } from './operator.repository';
import { OperatorsService } from './operators.service';

/** Operator accounts and the bearer-token guard every /ops/v1 feature imports. */
@Module({
  controllers: [OpsOperatorsController],
  providers: [OperatorsService, OperatorRepository, OperatorGuard],
  exports: [OperatorsService, OperatorGuard],
})
export class OperatorsModule {}
