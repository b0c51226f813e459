/** Option parsers the verbs share: a bad value is refused with the reason, before anything runs. */
import { InvalidArgumentError } from 'commander';

export const probability = (value: string) => {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`must be a probability from 0 to 1 (it is "${value}")`);
  return n;
};
