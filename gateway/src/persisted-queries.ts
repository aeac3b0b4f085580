import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type express from 'express';
import { GATEWAY_SECRET_HEADER, isGatewaySecret, type Logger } from '@mitra/runtime';

/**
 * `optional`: any document is answered; a known hash stands for its document.
 * `required`: only the documents of the manifest, by hash (or their exact text).
 */
export type PersistedQueryMode = 'required' | 'optional';

export class PersistedQueriesError extends Error {}

/** sha256 (hex) → document, as GraphQL Code Generator's client preset writes it (`persisted-documents.json`). */
export type PersistedDocuments = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads the manifest (`{"sha256:<hex>": "<document>"}`) and checks every
 * entry's hash against its document, so a hand-edited manifest cannot make a
 * hash stand for another operation. A missing file is an empty manifest
 * unless `required` says it must exist.
 */
export function loadPersistedDocuments(file: string, required: boolean): PersistedDocuments {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return new Map();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new PersistedQueriesError(
        `PERSISTED_QUERIES=required but the manifest ${file} does not exist: run \`npm run build\` (the dashboard's codegen writes it) or set PERSISTED_QUERIES_MANIFEST.`,
      );
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PersistedQueriesError(`The persisted-query manifest ${file} is not JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PersistedQueriesError(`The persisted-query manifest ${file} must be an object of "sha256:<hash>": "<document>".`);
  }
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(parsed)) {
    const hash = key.replace(/^sha256:/, '');
    if (!SHA256_HEX.test(hash) || typeof document !== 'string' || sha256(document) !== hash) {
      throw new PersistedQueriesError(
        `The persisted-query manifest ${file} has an entry whose hash is not the sha256 of its document: ${key}`,
      );
    }
    documents.set(hash, document);
  }
  return documents;
}

interface RequestParameters {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** The hash a request names: `documentId` ("sha256:<hex>" or "<hex>") or Apollo's `extensions.persistedQuery.sha256Hash`. */
function hashOf(params: RequestParameters): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/, '').toLowerCase();
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash.toLowerCase() : undefined;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const { persistedQuery: _dropped, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length ? rest : undefined;
}

function refuse(res: express.Response, code: string, message: string): void {
  res.status(400).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Express middleware in front of Apollo: a request that names a manifest
 * document by hash gets that document as its `query` (and no persistedQuery
 * extension, so Apollo's own APQ cache is not involved). In `required` mode
 * everything else is refused with PERSISTED_QUERY_NOT_ALLOWED before it is
 * parsed, except the partners' own questions (their need-to-know reach, key
 * checks, catalogue names: in no client's manifest), which carry the
 * gateway's secret; in `optional` mode it goes on to Apollo (APQ included).
 */
export function persistedQueries(
  mode: PersistedQueryMode,
  documents: PersistedDocuments,
  logger: Logger,
  gatewaySecret: string,
): express.RequestHandler {
  const required = mode === 'required';
  const notAllowed = (res: express.Response, what: string) =>
    refuse(
      res,
      'PERSISTED_QUERY_NOT_ALLOWED',
      `${what}: this gateway runs with PERSISTED_QUERIES=required and answers only the documents of its manifest. ` +
        'Send the sha256 of one of them (extensions.persistedQuery.sha256Hash or documentId).',
    );

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    // A partner's own question (it carries the gateway's secret) is answered as in optional mode.
    const strict = required && !isGatewaySecret(req.headers[GATEWAY_SECRET_HEADER], gatewaySecret);
    const isGet = req.method === 'GET';
    const search = isGet ? new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '') : undefined;
    let params: RequestParameters;
    if (search) {
      let extensions: unknown;
      const rawExtensions = search.get('extensions');
      try {
        extensions = rawExtensions ? JSON.parse(rawExtensions) : undefined;
      } catch {
        extensions = undefined;
      }
      params = { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions };
    } else if (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) {
      params = req.body as RequestParameters;
    } else {
      // Not a single operation (a batch, an empty body): Apollo refuses it, unless we must first.
      return strict ? notAllowed(res, 'Not a single persisted operation') : next();
    }

    const hash = hashOf(params);
    if (hash !== undefined) {
      const document = documents.get(hash);
      if (document === undefined) {
        if (!strict) return next();
        logger.info({ hash, requestId: res.locals.requestId as unknown }, 'refused an unknown persisted query');
        return notAllowed(res, `Unknown persisted document sha256:${hash}`);
      }
      if (typeof params.query === 'string' && params.query !== document) {
        return refuse(res, 'PERSISTED_QUERY_HASH_MISMATCH', `The query sent with sha256:${hash} is not the document of that hash.`);
      }
      // The document stands in for its hash; Apollo then runs it like any query.
      const extensions = withoutPersistedQuery(params.extensions);
      if (search) {
        search.set('query', document);
        search.delete('documentId');
        if (extensions) search.set('extensions', JSON.stringify(extensions));
        else search.delete('extensions');
        req.url = `${req.url.split('?')[0]}?${search.toString()}`;
      } else {
        const body = req.body as Record<string, unknown>;
        body.query = document;
        delete body.documentId;
        if (extensions) body.extensions = extensions;
        else delete body.extensions;
      }
      return next();
    }

    if (!strict) return next();
    // The full text of a manifest document is that document.
    if (typeof params.query === 'string' && documents.has(sha256(params.query))) return next();
    logger.info({ requestId: res.locals.requestId as unknown }, 'refused a document that is not persisted');
    return notAllowed(res, typeof params.query === 'string' ? 'This document is not in the manifest' : 'No persisted document named');
  };
}
