import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LicenseChangedEvent, OfficeChangedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import { applyLicenseChanged, applyOfficeChanged } from './registry.projection';

/**
 * Keeps the gateway's offices and license states in step with the archive's registry. API keys are not
 * projected: the gateway owns them (operators issue and revoke them through its internal API).
 */
@Injectable()
export class RegistryConsumer extends EventConsumer {
  constructor(kafka: KafkaService, @InjectDataSource() dataSource: DataSource, metrics: MetricsService) {
    super(kafka, dataSource, metrics, {
      name: 'gateway-registry',
      schema: GATEWAY_SCHEMA,
      handlers: [
        { event: OfficeChangedEvent, handle: (e: OfficeChangedEvent, m) => applyOfficeChanged(m, e) },
        { event: LicenseChangedEvent, handle: (e: LicenseChangedEvent, m) => applyLicenseChanged(m, e) },
      ],
    });
  }
}
