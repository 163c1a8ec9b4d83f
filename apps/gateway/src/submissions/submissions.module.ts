import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { SubmissionReconciler } from './submission.reconciler';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

/**
 * Accepting bundles, their status, and re-driving the ones stuck on the way. Exports the repository:
 * the inbox reads the delivered submissions and the events consumer advances their status.
 */
@Module({
  imports: [OfficesModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsRepository, SubmissionsService, SubmissionReconciler],
  exports: [SubmissionsRepository],
})
export class SubmissionsModule {}
