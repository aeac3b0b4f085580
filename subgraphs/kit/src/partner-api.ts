import { GraphQLError } from 'graphql';
import { gatewayAccess, type GatewayAccess } from './catalogue-mirror';
import { BadUserInputError, NotFoundError, postJson, traceHeaders, type PostJsonAnswer } from '@mitra/runtime';

type PartnerErrors = Array<{ message: string; extensions?: { code?: string } }>;

/** The gateway's answer; anything that is not JSON (a proxy's HTML page) as no answer. */
function parseAnswer<T>(text: string): { data?: T; errors?: PartnerErrors } {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as { data?: T; errors?: PartnerErrors }) : {};
  } catch {
    return {};
  }
}

/**
 * How a subgraph checks another partner's key before writing: a question to
 * the gateway, with the caller's own token, never a read of the other
 * partner's database. Unknown keys are NOT_FOUND and nothing is written.
 * Ask before opening a transaction: no row lock is held across HTTP.
 */
export class PartnerApi {
  constructor(
    /** With the gateway's secret, sent as the gateway sends it to the partners (catalogue-mirror.ts, GatewayAccess). */
    private readonly gateway: GatewayAccess,
    private readonly authorization: string | undefined,
    private readonly requestId: string,
    private readonly timeoutMs = 5000,
  ) {}

  /**
   * The same caller's question under a request id of the subgraph's own, so
   * that the subgraph can tell the gateway's fetches for it from those of
   * the caller's request (the university's district partition, statistics).
   */
  withRequestId(requestId: string, timeoutMs = this.timeoutMs): PartnerApi {
    return new PartnerApi(this.gateway, this.authorization, requestId, timeoutMs);
  }

  /** Asks `query($id: ID!) { <field>(id: $id) { id } }`; throws NOT_FOUND naming `inputField` when it is null. */
  async requireExisting(rootField: string, typeName: string, id: string, inputField: string): Promise<void> {
    await this.fetchExisting(rootField, typeName, id, inputField, 'id');
  }

  /**
   * The other partner's entity with `selection`, or NOT_FOUND naming
   * `inputField`. A refusal of the partner (a malformed id) is reported
   * against the caller's own input field, not the partner's argument.
   */
  async fetchExisting<T extends object>(
    rootField: string,
    typeName: string,
    id: string,
    inputField: string,
    selection: string,
  ): Promise<T> {
    const data = await this.query<Record<string, T | null>>(
      `query PartnerKeyCheck($id: ID!) { ${rootField}(id: $id) { ${selection} } }`,
      { id },
      inputField,
    );
    const found = data[rootField];
    if (!found) throw new NotFoundError(typeName, id, inputField);
    return found;
  }

  /**
   * A question of the partner's own that writes nothing (the university's
   * district partition): answered as `query` answers, but an unavailable
   * partner is reported as such, not as a key check before a write.
   */
  async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.query<T>(query, variables);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE') {
        throw new GraphQLError('A partner could not answer through the gateway; try again', {
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
      }
      throw error;
    }
  }

  async query<T>(query: string, variables: Record<string, unknown>, inputField?: string): Promise<T> {
    let answer: PostJsonAnswer;
    const { url, headers } = gatewayAccess(this.gateway);
    try {
      // node:http, not fetch (runtime http-client.ts): a gateway on a port of fetch's "bad port" list stays reachable.
      answer = await postJson(
        url,
        JSON.stringify({ query, variables }),
        {
          ...headers,
          'x-request-id': this.requestId,
          ...(this.authorization ? { authorization: this.authorization } : {}),
          // A key check through the gateway joins the write's trace.
          ...traceHeaders(),
        },
        this.timeoutMs,
      );
    } catch {
      throw new GraphQLError('A partner could not be reached to check a key; nothing was written', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    const body = parseAnswer<T>(answer.text);
    if (body.errors?.length) {
      const [first] = body.errors;
      const code = first.extensions?.code;
      // A malformed id is the caller's bad input; an error of the partner is not the caller's business.
      if (code === 'BAD_USER_INPUT' && inputField) throw new BadUserInputError(inputField, `refused by its owner: ${first.message}`);
      if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
        throw new GraphQLError(first.message, { extensions: { code } });
      }
      throw new GraphQLError('A partner could not check a key; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
    if (!body.data)
      throw new GraphQLError('A partner gave no answer to a key check; nothing was written', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    return body.data;
  }
}
