import { FieldActionSchema } from '@fangpin/domain';
import { describe, expect, it } from 'vitest';
import { eliminationCheckBody, isEliminationCheckReady, newEliminationCheckDraft } from './EliminationCheckScreen.tsx';

const elimination = { id: '8f0f2a3e-5a7b-4c1d-9e2f-0a1b2c3d4e5f', step: 'homeVerification' as const, version: 2, stepEnteredOn: '2026-10-24' };

describe('the elimination home check on the phone', () => {
  it('needs the income found and a day not before the step began', () => {
    const d = { ...newEliminationCheckDraft(elimination.id), checkedOn: '2026-11-02' };
    expect(isEliminationCheckReady(d, elimination)).toBe(false);
    expect(isEliminationCheckReady({ ...d, perCapitaIncome: '15800' }, elimination)).toBe(true);
    expect(isEliminationCheckReady({ ...d, perCapitaIncome: '15800', checkedOn: '2026-10-20' }, elimination)).toBe(false);
  });

  it('sends what the contract takes: the step and version seen, the check, its day, the photo as evidence', () => {
    const d = { ...newEliminationCheckDraft(elimination.id), checkedOn: '2026-11-02', perCapitaIncome: '15800.4', notes: '  住房饮水安全 ', photo: { fileName: 'a.jpg', contentBase64: 'AAAA' } };
    const body = eliminationCheckBody('0d3c6b8e-1f2a-4b5c-8d9e-0f1a2b3c4d5e', elimination, d, undefined);
    expect(FieldActionSchema.parse(body)).toMatchObject({
      kind: 'eliminationCheck',
      expected: { step: 'homeVerification', version: 2 },
      check: { perCapitaIncome: 15800, basicNeedsSecured: true, notes: '住房饮水安全' },
      occurredOn: '2026-11-02',
      attachments: [{ purpose: 'evidence', fileName: 'a.jpg' }],
    });
    expect(body).not.toHaveProperty('after');
  });
});
