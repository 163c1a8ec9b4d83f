import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { SubmissionReconciler } from './submission.reconciler';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

/** Accepting bundles, their status, and re-driving the ones stuck on the way. */
@Module({
  imports: [OfficesModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionReconciler],
})
export class SubmissionsModule {}
