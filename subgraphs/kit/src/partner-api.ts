import { GraphQLError } from 'graphql';
import { NotFoundError } from './errors';

/**
 * How a subgraph checks another partner's key before writing: a question to
 * the gateway, with the caller's own token, never a read of the other
 * partner's database. Unknown keys are NOT_FOUND and nothing is written.
 */
export class PartnerApi {
  constructor(
    private readonly gatewayUrl: string,
    private readonly authorization: string | undefined,
    private readonly requestId: string,
    private readonly timeoutMs = 5000,
  ) {}

  /** Asks `query($id: ID!) { <field>(id: $id) { id } }`; throws NOT_FOUND naming `inputField` when it is null. */
  async requireExisting(rootField: string, typeName: string, id: string, inputField: string): Promise<void> {
    const data = await this.query<Record<string, { id: string } | null>>(`query PartnerKeyCheck($id: ID!) { ${rootField}(id: $id) { id } }`, { id });
    if (!data[rootField]) throw new NotFoundError(typeName, id, inputField);
  }

  async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': this.requestId,
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new GraphQLError('A partner could not be reached to check a key; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length) {
      const code = body.errors[0].extensions?.code;
      // A malformed id is the caller's bad input; an error of the partner is not the caller's business.
      if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
        throw new GraphQLError(body.errors[0].message, { extensions: { code } });
      }
      throw new GraphQLError('A partner could not check a key; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
    if (!body.data) throw new GraphQLError('A partner gave no answer to a key check; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    return body.data;
  }
}
