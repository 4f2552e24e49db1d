import { describe, expect, it } from 'vitest';
import {
  applyProblems,
  countyFromParams,
  DEFAULT_COUNTY,
  descriptionLength,
  isMobile,
  normalizeReferenceNo,
  progressProblems,
  toNewApplication,
  villageFromParams,
} from './apply-form';
import { applicationUrl, qrImageUrl } from './PosterPage';

describe('self-application form', () => {
  it.each([
    ['13812345678', true],
    ['138-1234-5678', true],
    ['+8613812345678', true],
    ['8613812345678', true],
    ['0776-7921234', false],
    ['1381234567', false],
    ['23812345678', false],
  ])('mobile %s → %s', (phone, expected) => {
    expect(isMobile(phone)).toBe(expected);
  });

  it('counts Chinese characters one each and ignores surrounding spaces', () => {
    expect(descriptionLength('  父亲住院花费较多家里困难 ')).toBe(12);
    expect(descriptionLength('😀😀')).toBe(2);
  });

  it('takes the village from the QR link only when it is a region code', () => {
    expect(villageFromParams(new URLSearchParams('village=451028101201'))).toBe('451028101201');
    expect(villageFromParams(new URLSearchParams('village=451028101201001'))).toBe('451028101201001');
    expect(villageFromParams(new URLSearchParams('village=<script>'))).toBeNull();
    expect(villageFromParams(new URLSearchParams(''))).toBeNull();
  });

  it('lists the villages of the county in the link, of the village, or the default county', () => {
    expect(countyFromParams(new URLSearchParams('county=451021'))).toBe('451021');
    expect(countyFromParams(new URLSearchParams('village=451022101201'))).toBe('451022');
    expect(countyFromParams(new URLSearchParams(''))).toBe(DEFAULT_COUNTY);
  });

  it('sends trimmed values, no empty name, consent and the honeypot as typed', () => {
    expect(
      toNewApplication({
        villageCode: '451028101201',
        name: '  ',
        phone: '138 1234 5678',
        description: ' 父亲住院花费较多，家里困难 ',
        consent: true,
      }),
    ).toEqual({
      villageCode: '451028101201',
      phone: '13812345678',
      description: '父亲住院花费较多，家里困难',
      consent: true,
      website: '',
    });
    expect(
      toNewApplication({
        villageCode: 'x',
        name: '黄',
        phone: '13812345678',
        description: 'd',
        website: 'http://spam',
      }),
    ).toMatchObject({ name: '黄', website: 'http://spam' });
  });

  it('says what each field lacks before anything is sent, as the server would refuse it', () => {
    const empty = { villageCode: '', name: '', phone: '', description: '', consent: false, website: '' };
    expect(applyProblems(empty, true)).toEqual({
      villageCode: 'villageRequired',
      phone: 'phoneRequired',
      description: 'descriptionTooShort',
      consent: 'consentRequired',
    });
    // The village of the QR code needs no choice; a landline is not a mobile; ten characters are enough.
    expect(applyProblems({ ...empty, phone: '0776-7921234', description: '父亲住院花费较多很难', consent: true }, false)).toEqual({
      phone: 'phoneInvalid',
    });
    expect(
      applyProblems({ ...empty, villageCode: '451028101201', phone: '138 1234 5678', description: '父亲住院花费较多很难', consent: true }, true),
    ).toEqual({});
    expect(progressProblems({ referenceNo: ' ', phone: '' })).toEqual({ referenceNo: 'referenceRequired', phone: 'phoneRequired' });
    expect(progressProblems({ referenceNo: 'SQ20261129-7K3M9Q', phone: '1381234' })).toEqual({ phone: 'phoneInvalid' });
    expect(progressProblems({ referenceNo: 'SQ20261129-7K3M9Q', phone: '13812345678' })).toEqual({});
  });

  it('reads reference numbers in upper case without spaces', () => {
    expect(normalizeReferenceNo(' sq20261129-7k3m9 ')).toBe('SQ20261129-7K3M9');
  });

  it('points the poster at the public page and the QR image of the village', () => {
    expect(applicationUrl('https://fp.example', '451028101201')).toBe('https://fp.example/apply?village=451028101201');
    expect(qrImageUrl('451028101201')).toBe('/api/regions/451028101201/application-qr.svg');
  });
});
