import { maskPhone } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';

/**
 * Phone numbers as written in registries: mobiles (11 digits starting with 1), landlines with an area
 * code ("0776-7921234", "07767921234"). Full-width digits and spaces are tolerated.
 */
export function normalizePhone(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—]/g, '-')
    .replace(/[\s()（）]/g, '')
    .replace(/^\+?86-?(?=1\d{10}$)/, '');
}

export function isPhone(normalised: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalised) || /^0\d{2,3}-?\d{7,8}$/.test(normalised);
}

/** A normalised phone as the registry stores it: encrypted, blind-indexed for search, masked for display (nulls and '' when there is none). */
export function sealPhone(cipher: PersonalDataCipher, phone: string): { phoneEnc: Buffer | null; phoneIndex: Buffer | null; phoneMasked: string } {
  return phone ? { phoneEnc: cipher.encrypt(phone), phoneIndex: cipher.blindIndex(phone), phoneMasked: maskPhone(phone) } : { phoneEnc: null, phoneIndex: null, phoneMasked: '' };
}
