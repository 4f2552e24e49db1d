import crypto from 'node:crypto';
import { maskIdNumbersInText, maskPhone, type NewApplication } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { openClueWithCase, type CaseOpener } from '../cases/open-case.ts';
import { isPhone, normalizePhone } from '../registry/phone.ts';
import { countRecentApplicationsLocked, findPublicVillage, insertApplication } from './repo.ts';

/** Who files a self-application in the audit log: the public page (no account), as the login page's anonymous actor. */
const PUBLIC_ACTOR: AuditActor = { userId: null, username: 'public:self-application', role: 'anonymous' };
/** …and on the case's timeline: the villager who applied (自主申报（群众）), role `public`, never a login name. */
const PUBLIC_APPLICANT: CaseOpener = { ...PUBLIC_ACTOR, displayName: '自主申报（群众）', timelineRole: 'public' };
/** A phone may file this many applications a day (more is junk or a mistake; the hotline is there). */
export const APPLICATIONS_PER_PHONE_PER_DAY = 3;

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newReferenceNo(today: string): string {
  const bytes = crypto.randomBytes(6);
  let suffix = '';
  for (const b of bytes) suffix += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  return `SQ${today.replace(/-/g, '')}-${suffix}`;
}

/**
 * A self-application (自主申报) from the public page: refuses robots (the hidden `website` field), a
 * number that is not a mobile, a description without words and a fourth application from the same
 * phone in a day; otherwise opens a clue and its identification case on `today` and returns the
 * reference number the applicant asks about progress with. ID numbers written into the text are
 * stored masked (docs/personal-data.md, "At rest").
 */
export async function submitSelfApplication(deps: { pool: pg.Pool; cipher: PersonalDataCipher }, today: string, input: NewApplication): Promise<{ referenceNo: string }> {
  // A hidden field people never see: a filled one is a robot.
  if (input.website) throw AppError.because('VALIDATION_FAILED', 'submissionInvalid', undefined, { field: 'website' });
  const phone = normalizePhone(input.phone);
  if (!/^1[3-9]\d{9}$/.test(phone) || !isPhone(phone)) throw AppError.because('VALIDATION_FAILED', 'mobileInvalid', undefined, { field: 'phone' });
  if (!/[\u4e00-\u9fffA-Za-z]{4,}/.test(input.description) || /(.)\1{9,}/.test(input.description))
    throw AppError.because('VALIDATION_FAILED', 'describeInWords', undefined, { field: 'description' });
  const name = input.name === undefined ? undefined : maskIdNumbersInText(input.name);
  const description = maskIdNumbersInText(input.description);
  const phoneIndex = deps.cipher.blindIndex(phone);
  return withTransaction(deps.pool, async (tx) => {
    const village = await findPublicVillage(tx, input.villageCode);
    if (!village) throw AppError.because('VALIDATION_FAILED', 'villageRequired', undefined, { field: 'villageCode' });
    if ((await countRecentApplicationsLocked(tx, phoneIndex)) >= APPLICATIONS_PER_PHONE_PER_DAY)
      throw AppError.because('RATE_LIMITED', 'applicationsPerPhoneLimited', { max: APPLICATIONS_PER_PHONE_PER_DAY });
    const summary = `${name ? `${name}：` : ''}${description}`;
    const opened = await openClueWithCase(tx, PUBLIC_APPLICANT, { regionCode: village.code, householdId: null, channel: 'application', riskTypes: [], summary, clueDate: today });
    const referenceNo = newReferenceNo(today);
    await insertApplication(tx, { referenceNo, regionCode: village.code, applicantName: name ?? '', phoneEnc: deps.cipher.encrypt(phone), phoneIndex, phoneMasked: maskPhone(phone), description, clueId: opened.clueId });
    await recordAudit(tx, PUBLIC_ACTOR, 'application.submitted', { type: 'self_application', id: opened.clueId, regionCode: village.code }, { details: { referenceNo, caseNumber: opened.caseNumber } });
    return { referenceNo };
  });
}
