import { componentSchemas } from '@enclave/api-contract';
import {
  EXPIRY_OPTIONS,
  MAX_DOWNLOADS_LIMIT,
  MAX_MESSAGE_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_RECIPIENTS,
  MIN_PASSWORD_LENGTH,
} from './share-limits';

type Props = Record<string, Record<string, unknown>>;

describe('the share limits', () => {
  const schemas = componentSchemas();
  const props = (name: string): Props => schemas[name]?.['properties'] as Props;

  it('are the contract’s', () => {
    expect(MAX_RECIPIENTS).toBe(props('ShareByEmailRequest')['share_with']?.['maxItems']);
    expect(MAX_MESSAGE_LENGTH).toBe(props('ShareByEmailRequest')['message']?.['maxLength']);
    expect(MIN_PASSWORD_LENGTH).toBe(props('CreateShareLinkRequest')['password']?.['minLength']);
    expect(MAX_PASSWORD_LENGTH).toBe(props('CreateShareLinkRequest')['password']?.['maxLength']);
    expect(MAX_DOWNLOADS_LIMIT).toBe(schemas['MaxDownloads']?.['maximum']);
  });

  it('offer only expiries the contract accepts', () => {
    const { minimum, maximum } = schemas['ExpiresIn'] as { minimum: number; maximum: number };
    for (const { seconds } of EXPIRY_OPTIONS) {
      expect(seconds).toBeGreaterThanOrEqual(minimum);
      expect(seconds).toBeLessThanOrEqual(maximum);
    }
  });
});
