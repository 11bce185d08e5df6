// Types of scripts/with-postgres.mjs for TypeScript callers (the server bench).
export function findPostgresBin(): string;
export function startPostgresCluster(): Promise<{ url: string; port: number; dir: string; stop: () => void }>;
