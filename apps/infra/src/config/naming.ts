/**
 * Every name a deployment gives its resources, from its stage: `enclave-{stage}-{part}`. One
 * helper, so two stages in one account never collide and a destroy finds all of a stage's parts.
 */
export interface Naming {
  readonly stage: string;
  /** `enclave-{stage}-{part}`, e.g. `enclave-prod-uploads` (Lambda functions, roles, tables). */
  resource(part: string): string;
  /** The tags every resource carries, so a stage's resources can be found in the console. */
  readonly tags: Readonly<Record<string, string>>;
}

export function naming(stage: string): Naming {
  return {
    stage,
    resource: (part) => `enclave-${stage}-${part}`,
    tags: { 'enclave:stage': stage, 'managed-by': 'cdktf' },
  };
}
