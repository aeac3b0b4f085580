import type { Request, RequestHandler } from 'express';
import { Lexer, Source, TokenKind } from 'graphql';

/**
 * The limits that are checked on the request itself, before Apollo parses
 * anything: the document's token count and the depth of its variables.
 */

/** The GraphQL request's fields: the JSON body of a POST, the query string of a GET. */
export function requestFields(req: Request): { query?: unknown; variables?: unknown } {
  return (req.body && typeof req.body === 'object' ? req.body : req.query) as { query?: unknown; variables?: unknown };
}

/** True when `source` has more than `max` tokens; a document that does not lex is left to the parser to refuse. */
export function exceedsTokens(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/**
 * Counts the document's tokens before Apollo sees the request. graphql-armor's
 * own check parses the document in a plugin hook, and Apollo answers any
 * error thrown by a hook with HTTP 500, so every syntax error (and the limit
 * itself) was a 500. Here a document over the limit is a 400, and one that
 * does not lex goes on to Apollo's parser, which refuses it as
 * GRAPHQL_PARSE_FAILED (400).
 */
export function maxTokens(max: number): RequestHandler {
  return (req, res, next) => {
    const fields = requestFields(req);
    if (typeof fields.query === 'string' && exceedsTokens(fields.query, max)) {
      res.status(400).json({
        errors: [
          {
            message: `Token limit of ${max} exceeded (MAX_QUERY_TOKENS).`,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'tokens' },
          },
        ],
      });
      return;
    }
    next();
  };
}

/** True when a JSON value nests arrays or objects more than `max` levels (0 for a scalar); walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) stack.push([inner, depth + 1]);
  }
  return false;
}

/**
 * MAX_VALUE_DEPTH for variables too, before Apollo reads them: a 10 KB
 * `[[[...]]]` in a variable, even one the document never uses, is walked by
 * every check that reads variables. Refused like the same literal.
 */
export function maxVariableDepth(max: number): RequestHandler {
  return (req, res, next) => {
    const fields = requestFields(req);
    let variables = fields.variables;
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        return next(); // Apollo refuses variables that are not JSON, with its own message.
      }
    }
    if (variables && typeof variables === 'object') {
      for (const [name, value] of Object.entries(variables)) {
        if (!nestsDeeperThan(value, max)) continue;
        res.status(400).json({
          errors: [
            {
              message: `Variable "$${name.slice(0, 64)}" nests lists or objects more than ${max} levels deep (MAX_VALUE_DEPTH).`,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'valueDepth' },
            },
          ],
        });
        return;
      }
    }
    next();
  };
}
