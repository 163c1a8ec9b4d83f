import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { ReceiptKeyRepository } from './receipt-key.repository';
import { ReceiptKeysService } from './receipt-keys.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

/** Signed receipts of submissions, built from the recorded history. */
@Module({
  imports: [HistoryModule],
  controllers: [ReceiptsController],
  providers: [ReceiptKeysService, ReceiptKeyRepository, ReceiptsService],
})
export class ReceiptsModule {}
