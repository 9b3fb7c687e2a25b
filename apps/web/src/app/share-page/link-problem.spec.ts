import { linkProblem, SHARE_TOKEN } from './link-problem';

const problem = (status: number, detail = 'detail from the API') => ({
  type: 'x',
  title: 't',
  status,
  detail,
});

describe('linkProblem', () => {
  it('tells a link that never existed from one that stopped working', () => {
    expect(linkProblem(problem(404)).title).toBe('No such link');
    expect(linkProblem(problem(410, 'This share has expired.'))).toEqual({
      title: 'This link no longer works',
      detail: 'This share has expired.',
    });
  });

  it('calls a malformed token an invalid link, and passes other details on', () => {
    expect(linkProblem(problem(400)).title).toBe('This link is not valid');
    expect(linkProblem(problem(503, 'S3 is unavailable'))).toEqual({
      title: 'Something went wrong',
      detail: 'S3 is unavailable',
    });
  });
});

describe('SHARE_TOKEN', () => {
  it('matches tokens as issued, not fragments', () => {
    expect(SHARE_TOKEN.test('A'.repeat(43))).toBe(true);
    expect(SHARE_TOKEN.test('abc')).toBe(false);
    expect(SHARE_TOKEN.test(`${'a'.repeat(40)}/x`)).toBe(false);
  });
});
