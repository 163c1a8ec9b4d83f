import { Module } from '@nestjs/common';
import { ValidationConsumer } from './validation.consumer';
import { ValidationRepository } from './validation.repository';
import { ValidationService } from './validation.service';

/** Consumes received submissions, checks them against the standard and publishes the verdict. */
@Module({ providers: [ValidationRepository, ValidationService, ValidationConsumer] })
export class ValidationModule {}
