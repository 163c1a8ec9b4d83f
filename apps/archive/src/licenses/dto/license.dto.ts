import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, Matches } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';
import { LICENSE_STATES, type LicenseState } from '@careplan/contracts';
import { ISO_DATE } from '../calendar';
import { BILLING_METHODS, BillingMethod, LICENSE_STATUSES, LicenseStatus } from '../license.rules';

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

export class LicenseTermDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: '1 for the first year, then one more per renewal',
  })
  termNo!: number;
  @ApiProperty({ format: 'date', example: '2026-05-20' }) applicationDate!: string;
  @ApiProperty({ format: 'date', example: '2026-06-01' }) startDate!: string;
  @ApiProperty({ format: 'date', example: '2027-05-31' }) endDate!: string;
  @ApiProperty({
    type: 'integer',
    example: 21000,
    description: 'tax included; 0 when a campaign makes the term free',
  })
  feeYen!: number;
  @ApiProperty({ enum: BILLING_METHODS }) billingMethod!: BillingMethod;
  @ApiProperty({ type: String, nullable: true, description: 'the campaign that exempts the term' })
  campaignCode!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) freeUntil!: string | null;
}

export class LicenseDto {
  @ApiProperty({ example: '4712000012' }) officeNumber!: string;
  @ApiProperty({ enum: LICENSE_STATUSES, description: 'what operators decided' }) status!: LicenseStatus;
  @ApiProperty({ enum: LICENSE_STATES, description: 'the published state, the calendar included' })
  state!: LicenseState;
  @ApiProperty({ enum: BILLING_METHODS }) billingMethod!: BillingMethod;
  @ApiProperty() autoRenew!: boolean;
  @ApiProperty({ format: 'date', description: "the first term's start" }) connectedSince!: string;
  @ApiProperty({ format: 'date', description: "the last term's end" }) validUntil!: string;
  @ApiProperty({ type: 'integer', example: 21000, description: "one term's fee, tax included" })
  termFeeYen!: number;
  @ApiProperty({ type: 'integer', example: 1750, description: 'a month of the fee, for reference only' })
  monthlyReferenceYen!: number;
  @ApiProperty({ type: [LicenseTermDto] }) terms!: LicenseTermDto[];
}
