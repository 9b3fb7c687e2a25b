/**
 * The API services devstack runs, one child process each from its bundle. Adding a service is
 * one line here; a service whose bundle is not built yet is skipped with a note.
 */
export interface ServiceDefinition {
  /** The `x-enclave-service` name in openapi.yaml. */
  name: string;
  defaultPort: number;
}

export const SERVICES: readonly ServiceDefinition[] = [
  { name: 'uploads', defaultPort: 3001 },
  { name: 'sharing', defaultPort: 3002 },
  { name: 'keys', defaultPort: 3003 },
];

/** The esbuild bundle of `<name>-api`, relative to the workspace root. */
export const bundlePath = (name: string): string => `dist/apps/${name}-api/main.js`;
