import { can, scopeOf, type Actor } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findCountySettings, saveCountySettings, type CountySettings } from './repo.ts';

/** The county of a county-level (or lower) account; an account above county level has none. */
export function countyOfActor(actor: Actor): string {
  const county = scopeOf(actor).countyCodes[0];
  if (!county || scopeOf(actor).countyCodes.length !== 1) throw new AppError('NOT_FOUND', 'County settings belong to one county', { reason: 'oneCountyOnly' });
  return county;
}

/**
 * A supervision number as people dial it: a landline with its area code (0776-7921234), a mobile
 * (13800000000) or a short service number (12317); digits with spaces, hyphens or brackets; at
 * most two numbers separated by 、 or ; (a landline and a mobile).
 */
const PHONE = /^[0-9０-９(（]([0-9０-９ \-－()（）]{1,22}[0-9０-９])?$/;

export function normalizeSupervisionPhone(text: string | null): string | null {
  const value = (text ?? '').trim();
  if (!value) return null;
  const parts = value.split(/[、;；,，/]/).map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => !PHONE.test(p) || p.replace(/\D/g, '').length < 5)) {
    throw new AppError('VALIDATION_FAILED', 'The supervision number must be a phone number such as 0776-7921234 or 12317', { field: 'supervisionPhone', reason: 'supervisionPhoneInvalid' });
  }
  return parts.join('、');
}

/** Saves the county's settings (county admin), with the change in the audit log in the same transaction. */
export async function updateCountySettings(pool: pg.Pool, actor: Actor, input: { supervisionPhone: string | null }): Promise<CountySettings> {
  if (!can(actor, 'county.settings.manage')) throw new AppError('FORBIDDEN', 'Only the county admin may change the county settings', { reason: 'noPermission' });
  const countyCode = countyOfActor(actor);
  const supervisionPhone = normalizeSupervisionPhone(input.supervisionPhone);
  return withTransaction(pool, async (tx) => {
    const before = await findCountySettings(tx, countyCode);
    await saveCountySettings(tx, countyCode, { supervisionPhone }, actor.username);
    await recordAudit(tx, actor, 'county.settings.updated', { type: 'county_settings', id: countyCode, regionCode: `${countyCode}000000` }, {
      before: { supervisionPhone: before.supervisionPhone },
      after: { supervisionPhone },
    });
    return findCountySettings(tx, countyCode);
  });
}
