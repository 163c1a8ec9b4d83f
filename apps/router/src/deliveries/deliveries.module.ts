import { Module } from '@nestjs/common';
import { DeliveriesConsumer } from './deliveries.consumer';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';

/** Turns validated submissions into deliveries for the receiving office's inbox. */
@Module({ providers: [DeliveriesRepository, DeliveriesService, DeliveriesConsumer] })
export class DeliveriesModule {}
