import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

/** The directory of connected offices, answered to the gateway over the internal listener. */
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
