import { idChecksumChar } from '@fangpin/domain';
import { describe, expect, it } from 'vitest';
import { TEST_SECRET_KEY } from '../../../test/test-app.ts';
import { createCipher } from '../../crypto/personal-data.ts';
import { birthDateOfSealedId, sealVerificationMembers, withBirthDates } from './member-birth-dates.ts';

const cipher = createCipher(Buffer.from(TEST_SECRET_KEY, 'hex'));
const f17 = '45102819900517123';
const idEnc = cipher.encrypt(f17 + idChecksumChar(f17));
const registry = [{ id: 'm-1', birthYear: 1990, birthDate: birthDateOfSealedId(cipher, idEnc) }];
const base = { relation: 'head', labourCapacity: 'full', health: 'healthy', schooling: 'notInSchool' } as const;

describe('birth dates on a verification form', () => {
  it('reads the date from the encrypted ID number', () => {
    expect(registry[0]!.birthDate).toBe('1990-05-17');
    expect(birthDateOfSealedId(cipher, Buffer.from('not a ciphertext'))).toBeNull();
  });

  it('stores no date in clear: the registry member keeps its year, anyone else the year and the sealed date', () => {
    const stored = sealVerificationMembers(
      [
        { ...base, id: 'm-1', name: '户主', birthDate: '1990-05-18' },
        { ...base, id: 'new-1', name: '外来媳妇', birthDate: '1996-08-20' },
      ],
      registry,
      cipher,
    );
    expect(stored[0]).toEqual({ ...base, id: 'm-1', name: '户主', birthYear: 1990 });
    expect(stored[1]).toMatchObject({ id: 'new-1', birthYear: 1996 });
    expect(JSON.stringify(stored)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(cipher.decrypt(Buffer.from(stored[1]!.birthDateSealed!, 'base64'))).toBe('1996-08-20');
  });

  it('gives the assessment the exact dates back: the registry’s (not the typed one), the sealed one, a re-sent form’s, or mid-year', () => {
    const stored = sealVerificationMembers([{ ...base, id: 'new-1', name: '外来媳妇', birthDate: '1996-08-20' }], registry, cipher);
    const again = sealVerificationMembers([{ ...base, id: 'new-1', name: '外来媳妇' }], registry, cipher, stored);
    expect(again[0]!.birthDateSealed).toBe(stored[0]!.birthDateSealed);
    const members = withBirthDates(
      [{ ...base, id: 'm-1', name: '户主', birthYear: 1990 }, ...again, { ...base, id: 'old-1', name: '迁移前', birthYear: 1950 }],
      registry,
      cipher,
    );
    expect(members.map((m) => m.birthDate)).toEqual(['1990-05-17', '1996-08-20', '1950-07-01']);
    expect(members[1]).not.toHaveProperty('birthDateSealed');
  });
});
