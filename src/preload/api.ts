// The shape the preload exposes to the renderer as `window.consoleApi`.
export type ConsoleApi = {
  readonly platform: string;
};
