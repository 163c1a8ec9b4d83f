import { Module } from '@nestjs/common';
import { SpecController } from './spec.controller';

/** The standard's file types and JSON Schemas, public. */
@Module({ controllers: [SpecController] })
export class SpecModule {}
