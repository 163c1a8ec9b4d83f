import { EntityManager } from 'typeorm';
import { LicenseChangedEvent } from '@careplan/contracts';
import { advisoryLock } from '@careplan/persistence';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { publishRegistryEvent } from '../registry/registry.events';
import { LicenseEntity } from './license.entity';
import { LicenseRepository } from './license.repository';
import {
  BillingMethod,
  CampaignRule,
  effectiveState,
  planTerm,
  renewalsUntil,
  TermPlan,
} from './license.rules';
import { LicenseErrors } from './license.errors';
import { isCalendarDate } from './calendar';

// License writes shared by the ops API, the sweep job, the registry's deactivation and the seed tool; all run in
// the caller's transaction, their statements in the repositories.

const licenses = new LicenseRepository();
const campaignRepository = new CampaignRepository();
const loadCampaignRules = (m: EntityManager): Promise<CampaignRule[]> => campaignRepository.all(m);

export interface Application {
  startDate: string;
  applicationDate: string;
  billingMethod: BillingMethod;
  autoRenew: boolean;
  /** False for `campaign: none`: the application is billed whatever the campaigns say. */
  campaigns: boolean;
}

async function addTerms(m: EntityManager, officeNumber: string, method: BillingMethod, plans: TermPlan[]) {
  let termNo = await licenses.lastTermNo(m, officeNumber);
  for (const p of plans) {
    termNo += 1;
    await licenses.insertTerm(m, { ...p, officeNumber, termNo, billingMethod: method });
  }
}

/** Records an application: its first term (fee decided by the campaigns), then settles it against today. */
export async function applyLicense(
  m: EntityManager,
  officeNumber: string,
  a: Application,
  today: string,
): Promise<LicenseEntity> {
  for (const d of [a.startDate, a.applicationDate])
    if (!isCalendarDate(d)) throw LicenseErrors.dateInvalid(d);
  // Concurrent applications for one office are serialized (the license row may not exist yet to lock).
  await advisoryLock(m, `license:${officeNumber}`);
  const existing = await licenses.findByOffice(m, officeNumber, true);
  if (existing && existing.status !== 'ended') throw LicenseErrors.exists(officeNumber);
  const rules = a.campaigns ? await loadCampaignRules(m) : [];
  const first = planTerm(rules, { applicationDate: a.applicationDate, startDate: a.startDate });
  await addTerms(m, officeNumber, a.billingMethod, [first]);
  const license = m.create(LicenseEntity, {
    ...(existing ?? {}),
    officeNumber,
    status: 'active',
    state: 'none',
    billingMethod: a.billingMethod,
    autoRenew: a.autoRenew,
    firstStart: a.startDate,
    lastEnd: first.endDate,
  });
  await settle(m, license, today, rules, true);
  return license;
}

/**
 * Brings a license up to `today`: renews it term by term while auto-renewal is on, ends it when its
 * last term is over, and publishes LicenseChanged when what the gateway knows changes.
 */
export async function settle(
  m: EntityManager,
  license: LicenseEntity,
  today: string,
  campaigns?: CampaignRule[],
  forcePublish = false,
): Promise<boolean> {
  const before = { state: license.state, lastEnd: license.lastEnd };
  if (license.status === 'active' && license.autoRenew && license.lastEnd < today) {
    const renewals = renewalsUntil(campaigns ?? (await loadCampaignRules(m)), license.lastEnd, today);
    await addTerms(m, license.officeNumber, license.billingMethod, renewals);
    license.lastEnd = renewals[renewals.length - 1].endDate;
  }
  license.state = effectiveState(license, today);
  if (license.status === 'active' && license.state === 'ended') license.status = 'ended';
  await licenses.save(m, license);
  const changed = forcePublish || before.state !== license.state || before.lastEnd !== license.lastEnd;
  if (changed) await publishLicense(m, license);
  return changed;
}

/** Ends the license of an office that is deactivated: no renewal is created or billed afterwards. */
export async function endLicenseOf(m: EntityManager, officeNumber: string, today: string): Promise<boolean> {
  const license = await licenses.findByOffice(m, officeNumber, true);
  if (!license || license.status === 'ended') return false;
  license.status = 'ended';
  await settle(m, license, today, [], true);
  return true;
}

export async function publishLicense(m: EntityManager, l: LicenseEntity): Promise<void> {
  await publishRegistryEvent(m, LicenseChangedEvent, l.officeNumber, {
    officeNumber: l.officeNumber,
    state: l.state,
    validUntil: l.lastEnd,
  });
}
