// Errors the server answers with: an HTTP status and the protocol's problem body (code, message,
// field). Anything else that escapes a handler is logged and answered as a plain 500.
import { problemCodes, type Problem } from '../core/syncProtocol';
import type { Rejection } from '../core/rejection';

export class HttpProblem extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(status: number, problem: Problem, headers: Record<string, string> = {}) {
    super(problem.message);
    this.name = 'HttpProblem';
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

/** 400: a malformed body or query, naming the field as a dotted path. */
export function invalidBody(rejection: Pick<Rejection, 'message' | 'field'>): HttpProblem {
  return new HttpProblem(400, {
    code: problemCodes.invalidBody,
    message: rejection.message,
    ...(rejection.field ? { field: rejection.field } : {}),
  });
}

/** 404 for anything outside the caller's team, worded so nothing leaks about whether it exists. */
export function notFound(what: string, field?: string): HttpProblem {
  return new HttpProblem(404, {
    code: problemCodes.notFound,
    message: `There is no ${what} in your team.`,
    ...(field ? { field } : {}),
  });
}

export function unauthorized(message: string): HttpProblem {
  return new HttpProblem(401, { code: problemCodes.unauthorized, message }, { 'www-authenticate': 'Bearer' });
}
