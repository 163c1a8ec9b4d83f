import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, Matches } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';
import type { LicenseState } from '@careplan/contracts';
import { ISO_DATE } from '../calendar';
import { BILLING_METHODS, BillingMethod, LicenseStatus } from '../license.rules';

export class ApplyLicenseDto {
  @ApiProperty({ example: '2026-06-01' }) @Matches(ISO_DATE) startDate!: string;
  @ApiProperty({ example: '2026-05-20', description: 'decides which campaigns apply' })
  @Matches(ISO_DATE)
  applicationDate!: string;
  @ApiPropertyOptional({ enum: BILLING_METHODS, default: 'deduction' })
  @OptionalNotNull()
  @IsIn(BILLING_METHODS)
  billingMethod?: BillingMethod;
  @ApiPropertyOptional({ default: true }) @OptionalNotNull() @IsBoolean() autoRenew?: boolean;
  @ApiPropertyOptional({ description: '"none": no campaign applies to this application' })
  @OptionalNotNull()
  @IsIn(['none'])
  campaign?: 'none';
}

export class UpdateLicenseDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() autoRenew?: boolean;
  @ApiPropertyOptional({ enum: BILLING_METHODS, description: 'for terms created from now on' })
  @OptionalNotNull()
  @IsIn(BILLING_METHODS)
  billingMethod?: BillingMethod;
}

export interface LicenseTermDto {
  termNo: number;
  applicationDate: string;
  startDate: string;
  endDate: string;
  feeYen: number;
  billingMethod: BillingMethod;
  campaignCode: string | null;
  freeUntil: string | null;
}

export interface LicenseDto {
  officeNumber: string;
  status: LicenseStatus;
  state: LicenseState;
  billingMethod: BillingMethod;
  autoRenew: boolean;
  connectedSince: string;
  validUntil: string;
  termFeeYen: number;
  monthlyReferenceYen: number;
  terms: LicenseTermDto[];
}
