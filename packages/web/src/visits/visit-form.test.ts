import { roleAllows, type Role } from '@fangpin/domain';
import { describe, expect, it } from 'vitest';
import { intakeAbilities } from '../hotline/roles';
import { attachmentProblem, MAX_ATTACHMENT_BYTES } from './api';
import { newClientId, visitTabFromParams } from './visit-form';

/** The abilities /api/me sends a user of `role` (the server asks the domain's role table). */
const abilitiesOf = (role: Role) => ({ canRecordHotline: roleAllows(role, 'hotline.record'), canRecordVisits: roleAllows(role, 'visit.record'), canReviewVisits: roleAllows(role, 'visit.review') });
const tab = (query: string, role: Role) => visitTabFromParams(new URLSearchParams(query), intakeAbilities({ role, abilities: abilitiesOf(role) }));

describe('visitTabFromParams', () => {
  it('opens the form for reporters and the queue for the township', () => {
    expect(tab('', 'village-cadre')).toBe('new');
    expect(tab('', 'helping-cadre')).toBe('new');
    expect(tab('', 'township-officer')).toBe('submitted');
    expect(tab('', 'county-monitor')).toBe('submitted');
  });

  it('follows ?tab= when the user may see it', () => {
    expect(tab('tab=forwarded', 'village-cadre')).toBe('forwarded');
    expect(tab('tab=new', 'township-officer')).toBe('new');
    expect(tab('tab=new', 'county-monitor')).toBe('new');
    expect(tab('tab=bogus', 'township-officer')).toBe('submitted');
  });
});

describe('attachmentProblem', () => {
  it.each([
    [{ name: 'a.jpg', type: 'image/jpeg', size: 1000 }, null],
    [{ name: 'a.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES }, null],
    [{ name: 'scan.pdf', type: 'application/pdf', size: 5 }, null],
    [{ name: 'IMG_1.JPG', type: '', size: 5 }, null],
    [{ name: 'big.jpg', type: 'image/jpeg', size: MAX_ATTACHMENT_BYTES + 1 }, 'tooLarge'],
    [{ name: 'a.webp', type: 'image/webp', size: 5 }, null],
    [{ name: 'a.heic', type: 'image/heic', size: 5 }, 'wrongType'],
    [{ name: 'a.docx', type: 'application/msword', size: 5 }, 'wrongType'],
  ])('%o → %s', (file, expected) => {
    expect(attachmentProblem(file)).toBe(expected);
  });
});

describe('newClientId', () => {
  it('is a version-4 UUID and differs each time', () => {
    const a = newClientId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(a);
  });
});
