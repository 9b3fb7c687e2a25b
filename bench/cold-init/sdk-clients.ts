import { readFileSync } from 'node:fs';

// The SDK packages a service chooses (clients, the document client, the presigner, lib-storage);
// the rest of @aws-sdk (core, credential providers, codecs) comes with them.
const CHOSEN_SDK_PACKAGE =
  /node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-[^/]+|s3-request-presigner))\//;

/** The chosen AWS SDK packages bundled into `bundle`, read from its source map. */
export function sdkClientsIn(bundle: string): Set<string> {
  const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] };
  const found = map.sources.map((source) => CHOSEN_SDK_PACKAGE.exec(source)?.[1]);
  return new Set(found.filter((name): name is string => !!name));
}

/** Why the two bundles carry different SDK clients, or undefined when they carry the same. */
export function sdkClientsDiffer(service: string, baseline: string): string | undefined {
  const ours = sdkClientsIn(service);
  const theirs = sdkClientsIn(baseline);
  const missing = [...ours].filter((name) => !theirs.has(name));
  const extra = [...theirs].filter((name) => !ours.has(name));
  if (!missing.length && !extra.length) return undefined;
  return [
    missing.length ? `it lacks ${missing.join(', ')}` : '',
    extra.length ? `it adds ${extra.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
