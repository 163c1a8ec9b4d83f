import { Module } from '@nestjs/common';
import { ReceiptKeysService } from './receipt-keys.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

/** Signed receipts of submissions, built from the recorded history. */
@Module({ controllers: [ReceiptsController], providers: [ReceiptKeysService, ReceiptsService] })
export class ReceiptsModule {}
