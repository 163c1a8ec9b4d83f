import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OpsAdoptionController } from './adoption.controller';
import { AdoptionRepository } from './adoption.repository';
import { AdoptionService } from './adoption.service';

/** Adoption figures per prefecture and district. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsAdoptionController],
  providers: [AdoptionService, AdoptionRepository],
})
export class AdoptionModule {}
