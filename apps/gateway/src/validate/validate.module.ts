import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { ValidateController } from './validate.controller';
import { ValidateService } from './validate.service';

/** Dry runs of a bundle against the standard on worker threads; nothing is stored or sent. */
@Module({
  imports: [OfficesModule],
  controllers: [ValidateController],
  providers: [ValidateService],
})
export class ValidateModule {}
