import { Module } from '@nestjs/common';
import { ValidationConsumer } from './validation.consumer';
import { ValidationService } from './validation.service';

/** Consumes received submissions, checks them against the standard and publishes the verdict. */
@Module({ providers: [ValidationService, ValidationConsumer] })
export class ValidationModule {}
