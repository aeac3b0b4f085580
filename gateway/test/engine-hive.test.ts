import { parse, print } from 'graphql';
import { ConfigError } from '@mitra/kit';
import { loadGatewayConfig } from '../src/config';
import { mergeRepeatedFields, requestErrorCode } from '../src/engine-hive';
import { subgraphUrlsOf, withSubgraphUrls } from '../src/subgraph-urls';

const normal = (source: string) => print(parse(source));
const merged = (source: string) => print(mergeRepeatedFields(parse(source)));

describe('mergeRepeatedFields (the Hive runtime failed on repeated fields of an entity from another subgraph)', () => {
  it('merges a leaf selected twice', () => {
    expect(merged('{ lecturers { facilitatedSessions { facilitators { expertise expertise } } } }')).toBe(normal('{ lecturers { facilitatedSessions { facilitators { expertise } } } }'));
  });

  it('merges two selections of the same field into one, recursively, keeping the first position', () => {
    expect(merged('{ a { x } b a { y x { z } } }')).toBe(normal('{ a { x y x { z } } b }'));
    expect(merged('{ a { x { p } x { q } } }')).toBe(normal('{ a { x { p q } } }'));
  });

  it('keeps fields that differ in alias, arguments or directives, and works inside inline fragments and fragments', () => {
    const different = '{ a(id: 1) { x } a(id: 2) { x } b: a { x } c @include(if: $v) c }';
    expect(merged(different)).toBe(normal(different));
    expect(merged('{ ... on Query { a a } } fragment F on Query { b b }')).toBe(normal('{ ... on Query { a } } fragment F on Query { b }'));
  });

  it('leaves a leaf and a selection of the same name for validation to refuse', () => {
    const invalid = '{ venue { address address { id } } }';
    expect(merged(invalid)).toBe(normal(invalid));
  });
});

describe('requestErrorCode: the codes Apollo gives to a refused request', () => {
  it.each([
    ['Syntax Error: Expected Name, found <EOF>.', 'Syntax Error: Expected Name, found <EOF>.', 'GRAPHQL_PARSE_FAILED'],
    ['Syntax Error: Directives limit of 20 exceeded, found 21.', 'Directives limit of 20 exceeded, found 21.', 'GRAPHQL_VALIDATION_FAILED'],
    ['Variable "$v" of required type "ID!" was not provided.', 'Variable "$v" of required type "ID!" was not provided.', 'BAD_USER_INPUT'],
    ['Cannot query field "idx" on type "Venue".', 'Cannot query field "idx" on type "Venue".', 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s', (message, expected, code) => {
    expect(requestErrorCode({ message })).toEqual({ message: expected, extensions: { code } });
  });

  it('keeps a code that is already there', () => {
    expect(requestErrorCode({ message: 'x', extensions: { code: 'UNAUTHENTICATED' } })).toEqual({ message: 'x', extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('subgraph URLs', () => {
  const sdl = `enum join__Graph {
  SCHOOLS @join__graph(name: "schools", url: "http://localhost:4001/graphql")
  SKB @join__graph(name: "skb", url: "http://localhost:4003/graphql")
}`;

  it('come from the supergraph unless configured, and the Hive engine gets the configured ones', () => {
    const urls = subgraphUrlsOf(sdl, { subgraphUrls: { skb: 'http://10.0.0.5:9000/graphql' } });
    expect(Object.fromEntries(urls)).toEqual({ schools: 'http://localhost:4001/graphql', skb: 'http://10.0.0.5:9000/graphql' });
    expect(withSubgraphUrls(sdl, urls)).toContain('SKB @join__graph(name: "skb", url: "http://10.0.0.5:9000/graphql")');
    expect(withSubgraphUrls(sdl, urls)).toContain('SCHOOLS @join__graph(name: "schools", url: "http://localhost:4001/graphql")');
  });
});

describe('GATEWAY_ENGINE', () => {
  it('defaults to apollo, accepts hive, and refuses anything else by name', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'test' }).engine).toBe('apollo');
    expect(loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_ENGINE: 'hive' }).engine).toBe('hive');
    expect(() => loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_ENGINE: 'router' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_ENGINE: 'router' })).toThrow(/GATEWAY_ENGINE/);
  });
});
