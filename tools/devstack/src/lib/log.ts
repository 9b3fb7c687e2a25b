/** One line of devstack output; every line names who said it. */
export type Log = (line: string) => void;

const NAME_WIDTH = 9;

/** A log that prefixes each line with `[name]`, padded so that columns line up. */
export function prefixed(
  name: string,
  write: (line: string) => void = (line) => console.log(line),
): Log {
  const prefix = `[${name}]`.padEnd(NAME_WIDTH + 2);
  return (line) => write(`${prefix} ${line}`);
}
