import { describe, expect, it } from 'vitest';
import { entryDateSchema, IsoDateSchema } from './rule-set.schema.ts';

describe('the one date schema (issue 10, item 11)', () => {
  it.each([
    ['2026-03-05', true],
    ['1900-01-01', true],
    ['2099-12-31', true],
    ['1899-12-31', false],
    ['0026-03-05', false],
    ['2100-01-01', false],
    ['9999-12-31', false],
    ['2026-02-30', false],
    ['2026-3-5', false],
  ])('IsoDateSchema %s → %s', (date, ok) => expect(IsoDateSchema.safeParse(date).success).toBe(ok));

  it('an entered date is bounded by the today it is given, with one message per problem', () => {
    let today = '2026-12-06';
    const visited = entryDateSchema(() => today, 'notAfterToday');
    expect(visited.safeParse('2026-12-06').success).toBe(true);
    const future = visited.safeParse('2026-12-07');
    expect(future.success ? [] : future.error.issues.map((i) => i.message)).toEqual(['The date is after today / 日期不能晚于今天']);
    today = '2026-12-07'; // the schema reads today when it checks, not when it is built
    expect(visited.safeParse('2026-12-07').success).toBe(true);
    const old = visited.safeParse('1899-12-31');
    expect(old.success ? [] : old.error.issues).toHaveLength(1);
    const effective = entryDateSchema(() => today, 'withinAYear');
    expect(effective.safeParse('2027-06-01').success).toBe(true);
    expect(effective.safeParse('2029-01-01').success).toBe(false);
  });
});
