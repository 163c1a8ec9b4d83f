import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
import { recordAudit } from '../audit/audit';
import { canSeeOffice, OperatorContext } from '../operators/operator-scope';
import { RegistryErrors } from '../registry/registry.errors';
import { todayInTokyo } from './calendar';
import { ApplyLicenseDto, LicenseDto, UpdateLicenseDto } from './dto/license.dto';
import { LicenseTermEntity } from './license-term.entity';
import { LicenseEntity } from './license.entity';
import { LicenseErrors } from './license.errors';
import { LicenseRepository } from './license.repository';
import { RegistryOfficeRepository } from '../registry/registry-office.repository';
import { LicenseStatus, MONTHLY_REFERENCE_YEN, TERM_FEE_YEN } from './license.rules';
import { applyLicense, settle } from './license.store';

type Transition = 'suspend' | 'resume' | 'end';
const ALLOWED: Record<Transition, { from: LicenseStatus[]; to: LicenseStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  end: { from: ['active', 'suspended'], to: 'ended' },
};

/** Licenses per office number: applications, suspension, end, auto-renewal; every action audited. */
@Injectable()
export class LicensesService {
  private readonly logger = new Logger(LicensesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly licenses: LicenseRepository,
    private readonly relay: OutboxRelay,
    private readonly offices: RegistryOfficeRepository,
  ) {}

  async apply(op: OperatorContext, officeNumber: string, dto: ApplyLicenseDto): Promise<LicenseDto> {
    return this.write(async (m) => {
      // Locked like a deactivation locks it: an application never slips past one in progress.
      const office = await this.visibleOffice(m, op, officeNumber, true);
      if (!office.active) throw RegistryErrors.inactive(officeNumber);
      const license = await applyLicense(
        m,
        officeNumber,
        {
          startDate: dto.startDate,
          applicationDate: dto.applicationDate,
          billingMethod: dto.billingMethod ?? 'deduction',
          autoRenew: dto.autoRenew ?? true,
          campaigns: dto.campaign !== 'none',
        },
        todayInTokyo(),
      );
      await recordAudit(m, op, 'license.apply', officeNumber, { ...dto }, office.prefecture);
      return this.toLicenseDto(m, license);
    });
  }

  async get(op: OperatorContext, officeNumber: string): Promise<LicenseDto> {
    const m = this.dataSource.manager;
    await this.visibleOffice(m, op, officeNumber);
    return this.toLicenseDto(m, await this.findLicense(m, officeNumber));
  }

  async transition(op: OperatorContext, officeNumber: string, action: Transition): Promise<LicenseDto> {
    return this.write(async (m) => {
      const office = await this.visibleOffice(m, op, officeNumber);
      const license = await this.findLicense(m, officeNumber, true);
      const rule = ALLOWED[action];
      if (!rule.from.includes(license.status))
        throw LicenseErrors.transition(officeNumber, license.status, action);
      license.status = rule.to;
      await settle(m, license, todayInTokyo(), undefined, true);
      await recordAudit(m, op, `license.${action}`, officeNumber, {}, office.prefecture);
      return this.toLicenseDto(m, license);
    });
  }

  async update(op: OperatorContext, officeNumber: string, dto: UpdateLicenseDto): Promise<LicenseDto> {
    return this.write(async (m) => {
      const office = await this.visibleOffice(m, op, officeNumber);
      const license = await this.findLicense(m, officeNumber, true);
      Object.assign(license, dto);
      await settle(m, license, todayInTokyo());
      await recordAudit(m, op, 'license.update', officeNumber, { ...dto }, office.prefecture);
      return this.toLicenseDto(m, license);
    });
  }

  /** Moves every license that the calendar changed: renewals, starts, expiries. Returns how many changed. */
  async sweep(today = todayInTokyo()): Promise<number> {
    const due = await this.licenses.dueForSweep(this.dataSource.manager, today);
    let changed = 0;
    for (const officeNumber of due) {
      try {
        const moved = await this.write(async (m) =>
          settle(m, await this.findLicense(m, officeNumber, true), today),
        );
        if (moved) changed += 1;
      } catch (e) {
        this.logger.error(`license sweep of ${officeNumber} failed: ${String(e)}`);
      }
    }
    return changed;
  }

  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return inTransactionThenNudge(this.dataSource, this.relay, work);
  }

  private async visibleOffice(m: EntityManager, op: OperatorContext, officeNumber: string, lock = false) {
    const office = canSeeOffice(op, officeNumber) ? await this.offices.find(m, officeNumber, lock) : null;
    if (!office) throw RegistryErrors.notFound(officeNumber);
    return office;
  }

  private async findLicense(m: EntityManager, officeNumber: string, lock = false): Promise<LicenseEntity> {
    const license = await this.licenses.findByOffice(m, officeNumber, lock);
    if (!license) throw LicenseErrors.notFound(officeNumber);
    return license;
  }

  private async toLicenseDto(m: EntityManager, l: LicenseEntity): Promise<LicenseDto> {
    return toDto(l, await this.licenses.termsOf(m, l.officeNumber));
  }
}

function toDto(l: LicenseEntity, terms: LicenseTermEntity[]): LicenseDto {
  return {
    officeNumber: l.officeNumber,
    status: l.status,
    state: l.state,
    billingMethod: l.billingMethod,
    autoRenew: l.autoRenew,
    connectedSince: l.firstStart,
    validUntil: l.lastEnd,
    termFeeYen: TERM_FEE_YEN,
    monthlyReferenceYen: MONTHLY_REFERENCE_YEN,
    terms: terms.map((t) => ({
      termNo: t.termNo,
      applicationDate: t.applicationDate,
      startDate: t.startDate,
      endDate: t.endDate,
      feeYen: t.feeYen,
      billingMethod: t.billingMethod,
      campaignCode: t.campaignCode,
      freeUntil: t.freeUntil,
    })),
  };
}
