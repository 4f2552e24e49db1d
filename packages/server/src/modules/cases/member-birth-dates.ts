import { parseIdNumber, type HouseholdMember } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';

/**
 * Birth dates of the members a home verification lists (docs/personal-data.md, "At rest"). The
 * assessment needs exact ages, but a stored birth date next to a masked ID number is most of the ID
 * number. So the case keeps the birth YEAR in clear; the exact date is read, when the assessment
 * runs, from the decrypted ID number of the registry member — or, for a person the registry does not
 * know, from `birthDateSealed`, the date as typed, encrypted with the personal-data key.
 */
export type StoredVerificationMember = Omit<HouseholdMember, 'birthDate'> & {
  birthYear?: number | null;
  birthDateSealed?: string;
};

/** A registry member as the case reads it: `birthDate` comes from the decrypted ID number (server-side only, never presented). */
export type MemberBirth = { id: string; birthYear: number; birthDate: string | null };

/** The birth date inside an encrypted ID number, or null if it cannot be read. */
export function birthDateOfSealedId(cipher: PersonalDataCipher, idEnc: Buffer): string | null {
  try {
    const parsed = parseIdNumber(cipher.decrypt(idEnc));
    return parsed.ok ? parsed.birthDate : null;
  } catch {
    return null;
  }
}

/**
 * The members of a verification form as stored: no birth date in clear. A registry member (matched
 * by id) keeps only its birth year, as the registry has it; anyone else keeps the year and the typed
 * date sealed — or, sent again without a date (a re-verification prefilled from the last one), the
 * sealed date of the previous form.
 */
export function sealVerificationMembers(
  members: readonly (Omit<HouseholdMember, 'birthDate'> & {
    birthDate?: string | undefined;
    birthYear?: number | null | undefined;
  })[],
  registry: readonly MemberBirth[],
  cipher: PersonalDataCipher,
  previous: readonly StoredVerificationMember[] = [],
): StoredVerificationMember[] {
  return members.map((m) => {
    const { birthDate, birthYear, ...rest } = m;
    const known = registry.find((r) => r.id === m.id);
    if (known) return { ...rest, birthYear: known.birthYear };
    const earlier = previous.find((p) => p.id === m.id && p.birthDateSealed);
    if (!birthDate && earlier) return { ...rest, birthYear: earlier.birthYear ?? null, birthDateSealed: earlier.birthDateSealed! };
    const year = birthDate ? Number(birthDate.slice(0, 4)) : (birthYear ?? null);
    return {
      ...rest,
      birthYear: year,
      ...(birthDate ? { birthDateSealed: cipher.encrypt(birthDate).toString('base64') } : {}),
    };
  });
}

/**
 * The members with their exact birth dates back, for the assessment only: from the registry's
 * decrypted ID number, the sealed date, a date still in clear (cases recorded before this rule and
 * not yet migrated), or — the migration kept only the year of a person outside the registry — the
 * middle of the birth year.
 */
export function withBirthDates(
  members: readonly (StoredVerificationMember & { birthDate?: string | undefined })[],
  registry: readonly MemberBirth[],
  cipher: PersonalDataCipher,
): HouseholdMember[] {
  return members.map((m) => {
    const { birthDateSealed, birthYear, birthDate, ...rest } = m;
    const fromRegistry = registry.find((r) => r.id === m.id)?.birthDate;
    let date = fromRegistry ?? birthDate ?? null;
    if (!date && birthDateSealed) {
      try {
        date = cipher.decrypt(Buffer.from(birthDateSealed, 'base64'));
      } catch {
        date = null;
      }
    }
    return { ...rest, birthDate: date ?? `${birthYear ?? 1970}-07-01` };
  });
}
