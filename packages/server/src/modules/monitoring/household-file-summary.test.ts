import { describe, expect, it } from 'vitest';
import { decisionSummaryZh } from './household-file.ts';

// The household file is a Chinese paper file: its decision column never shows a raw code
// (阿文's printed file showed `recommend` for 完成村级评议).
describe('the household file names each decision in Chinese', () => {
  it.each([
    [{ result: 'recommend' }, '评议通过'],
    [{ result: 'notRecommend', reason: '收入已超过监测线' }, '评议未通过 · 收入已超过监测线'],
    [{ decision: 'approved', category: 'unstable', riskTypes: ['01'] }, '同意纳入 · 脱贫不稳定户 · 因病'],
    [{ result: 'somethingNew' }, ''],
  ])('%o → %s', (data, words) => {
    expect(decisionSummaryZh(data)).toBe(words);
  });
});
