import { referenceCycles } from './reference-cycles';

describe('referenceCycles', () => {
  it('finds a cycle through references and depends_on, and none in a tree', () => {
    expect(
      referenceCycles({
        resource: {
          aws_a: { one: { x: '${aws_b.two.arn}' } },
          aws_b: { two: { depends_on: ['aws_a.one'] } },
        },
      }),
    ).toEqual([['aws_a.one', 'aws_b.two', 'aws_a.one']]);
    expect(
      referenceCycles({
        resource: { aws_a: { one: { x: '${data.aws_c.three.id}' } } },
        data: { aws_c: { three: {} } },
      }),
    ).toEqual([]);
  });
});
