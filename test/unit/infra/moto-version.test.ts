import { EXPECTED_MOTO_VERSION, motoVersionProblem } from '../../support/moto-version';

describe('the moto version the AWS adapter suites expect', () => {
  it(`is written down as ${EXPECTED_MOTO_VERSION}, and any patch release of it is accepted`, () => {
    expect(EXPECTED_MOTO_VERSION).toBe('5.2.1');
    expect(motoVersionProblem('5.2.1')).toBeUndefined();
    expect(motoVersionProblem('5.2.7')).toBeUndefined();
  });

  it('names the expected version and how to install it when another one, or none, is found', () => {
    expect(motoVersionProblem('5.1.9')).toBe('the AWS adapter suites expect moto 5.2.1 (pip install "moto[server]==5.2.1"), found 5.1.9');
    expect(motoVersionProblem('6.2.1')).toMatch(/found 6\.2\.1$/);
    expect(motoVersionProblem(undefined)).toMatch(/found none$/);
  });
});
