// `npm run server -- admin <command>`: what an administrator does to a team server from a shell.
// With the embedded engine, stop the server first: one PGlite data folder has one user at a time.
import { roles, type Role } from '../core/mutations/mutation';
import type { RecordPut } from '../core/mutations/mutation';
import { tableNames, type RecordOf, type TableName } from '../core/records';
import type { Database } from './db/database';
import { createTeam, createToken, createUser, describeTeam, importRecords, revokeToken } from './teamAdmin';

export const adminUsage = `Usage: npm run server -- admin <command>
  create-team <teamId> --name <name>
  create-user <teamId> <userId> --name <name> --role tam|advisor|lead
  create-token <teamId> <userId> [--label <label>]     prints the token once
  revoke-token <tokenId or token>
  show-team <teamId>
  load-demo <teamId> [--customers 50] [--seed 1] [--today yyyy-MM-dd]`;

type Parsed = { positional: string[]; flags: Map<string, string> };

function parseArgs(args: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg.startsWith('--')) {
      flags.set(arg.slice(2), args[index + 1] ?? '');
      index += 1;
    } else positional.push(arg);
  }
  return { positional, flags };
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`Missing ${what}.\n${adminUsage}`);
  return value;
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Runs one admin command; returns the text to print. */
export async function runAdminCommand(db: Database, args: readonly string[], now: string): Promise<string> {
  const [command, ...rest] = args;
  const { positional, flags } = parseArgs(rest);
  switch (command) {
    case 'create-team': {
      const id = required(positional[0], 'the team id');
      await createTeam(db, { id, name: required(flags.get('name'), '--name') });
      return `Created team ${id}.`;
    }
    case 'create-user': {
      const teamId = required(positional[0], 'the team id');
      const id = required(positional[1], 'the user id');
      const role = required(flags.get('role'), '--role');
      if (!isRole(role)) throw new Error(`--role must be one of ${roles.join(', ')}.`);
      await createUser(db, { teamId, id, name: required(flags.get('name'), '--name'), role });
      return `Created ${role} ${id} in team ${teamId}.`;
    }
    case 'create-token': {
      const teamId = required(positional[0], 'the team id');
      const userId = required(positional[1], 'the user id');
      const { tokenId, token } = await createToken(db, teamId, userId, flags.get('label') ?? '');
      return `Token ${tokenId} for ${userId} (shown once, keep it secret):\n${token}`;
    }
    case 'revoke-token': {
      const which = required(positional[0], 'the token id or token');
      return (await revokeToken(db, which, now)) ? 'Revoked.' : 'No such active token.';
    }
    case 'show-team': {
      return JSON.stringify(await describeTeam(db, required(positional[0], 'the team id')), null, 2);
    }
    case 'load-demo': {
      const teamId = required(positional[0], 'the team id');
      await describeTeam(db, teamId);
      const customers = Number(flags.get('customers') ?? 50);
      const seed = Number(flags.get('seed') ?? 1);
      const today = flags.get('today') ?? now.slice(0, 10);
      // The demo generator lives with the benchmark; load it only when asked for.
      const { generateTeamBook, flattenBook } = await import('../core/demoBook');
      const { books } = generateTeamBook({ customers, seed, today, now });
      const tables = flattenBook(books, []);
      const puts: RecordPut[] = tableNames.flatMap((table: TableName) =>
        (tables[table] as RecordOf<typeof table>[]).map((record) => ({ table, record }) as RecordPut),
      );
      const version = await importRecords(db, teamId, puts, { at: now, name: 'admin:load-demo' });
      return `Loaded ${puts.length} records of ${customers} demo customers into ${teamId} (version ${version}).`;
    }
    case undefined:
    case 'help':
      return adminUsage;
    default:
      throw new Error(`Unknown admin command ${command}.\n${adminUsage}`);
  }
}
