import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OpsBillingController } from './billing.controller';
import { BillingService } from './billing.service';

/** Monthly billing statements and fiscal-year summaries per prefecture federation. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsBillingController],
  providers: [BillingService],
})
export class BillingModule {}
