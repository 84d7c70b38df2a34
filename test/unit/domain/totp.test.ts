import { matchingTotpStep, totpCode } from '../../../functions/domain/totp';
it('x', () => {
  expect(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000, { digits: 8 })).toBe('94287082');
  expect(matchingTotpStep('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '94287082', 59_000, { digits: 8 })).toBe(1);
});
