import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ApiKeyIssuedEvent,
  ApiKeyRevokedEvent,
  LicenseChangedEvent,
  OfficeChangedEvent,
} from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import {
  applyKeyIssued,
  applyKeyRevoked,
  applyLicenseChanged,
  applyOfficeChanged,
} from './registry.projection';

/** Keeps the gateway's offices, license states and operator-issued keys in step with the archive's registry. */
@Injectable()
export class RegistryConsumer extends EventConsumer {
  constructor(kafka: KafkaService, @InjectDataSource() dataSource: DataSource, metrics: MetricsService) {
    super(kafka, dataSource, metrics, {
      name: 'gateway-registry',
      schema: GATEWAY_SCHEMA,
      handlers: [
        { event: OfficeChangedEvent, handle: (e: OfficeChangedEvent, m) => applyOfficeChanged(m, e) },
        { event: LicenseChangedEvent, handle: (e: LicenseChangedEvent, m) => applyLicenseChanged(m, e) },
        { event: ApiKeyIssuedEvent, handle: (e: ApiKeyIssuedEvent, m) => applyKeyIssued(m, e) },
        { event: ApiKeyRevokedEvent, handle: (e: ApiKeyRevokedEvent, m) => applyKeyRevoked(m, e) },
      ],
    });
  }
}
