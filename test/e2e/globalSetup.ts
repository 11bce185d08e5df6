// Starts the browser build on a free localhost port for the whole e2e run.
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain ESM script without types
import { startWebServer } from '../../scripts/serve-web.mjs';

declare module 'vitest' {
  // Module augmentation works only by merging an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    webUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = (await startWebServer()) as { url: string; close: () => Promise<void> };
  project.provide('webUrl', server.url);
  return async () => server.close();
}
