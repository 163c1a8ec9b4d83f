import { safeNext, signInPath } from './next';

describe('sign-in redirects', () => {
  it('remembers where the operator was', () => {
    expect(signInPath('/offices?prefecture=13')).toBe('/sign-in?next=%2Foffices%3Fprefecture%3D13');
    expect(signInPath('/audit', true)).toBe('/sign-in?next=%2Faudit&reason=expired');
    expect(signInPath('/')).toBe('/sign-in');
  });

  it('goes back only to a path of the console', () => {
    expect(safeNext('/offices?prefecture=13')).toBe('/offices?prefecture=13');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/sign-in?next=/x')).toBe('/');
  });
});
