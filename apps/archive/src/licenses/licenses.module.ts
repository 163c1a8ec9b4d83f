import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { RegistryModule } from '../registry/registry.module';
import { LicenseSweep } from './license-sweep';
import { LicenseRepository } from './license.repository';
import { OpsLicensesController } from './licenses.controller';
import { LicensesService } from './licenses.service';

/** Offices' licenses, and the sweep that moves their terms (renewal, expiry). */
@Module({
  imports: [OperatorsModule, RegistryModule],
  controllers: [OpsLicensesController],
  providers: [LicensesService, LicenseRepository, LicenseSweep],
})
export class LicensesModule {}
