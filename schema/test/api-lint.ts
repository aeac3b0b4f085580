import { configs, parser, rules } from '@graphql-eslint/eslint-plugin';
import { Linter } from 'eslint';

/**
 * graphql-eslint's schema rules (`schema-recommended`) and relay rules
 * (`schema-relay`) over the API schema, i.e. what clients introspect. Options
 * that differ from the presets, and why:
 *
 * - require-description: every type, field, argument, input field, enum
 *   value, directive and root field (the preset asks only for types,
 *   directives and root fields).
 * - strict-id-in-types: an entity's key is `id`, except School (`npsn`, the
 *   national school number) and District (`code`, the Kemendagri code), which
 *   the contract keys by those; clients configure them as cache keys
 *   (docs/dashboard-and-clients.md, "Client caches"). Value types without
 *   identity (connections, edges, PageInfo, statistics figures) are exempt by
 *   suffix or name. A new value type needs its suffix here.
 * - relay-arguments: forward pagination only (`first`/`after`), which is all
 *   the API offers: keyset cursors read forwards.
 * - relay-edge-types: no `Node` interface (ids are per type, not global, as
 *   the contract has them) and plain lists stay allowed for bounded
 *   collections (statistics rows, a program's modules).
 */
export const API_LINT_RULES: Linter.RulesRecord = {
  ...(configs['flat/schema-recommended'].rules as Linter.RulesRecord),
  ...(configs['flat/schema-relay'].rules as Linter.RulesRecord),
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      DirectiveDefinition: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
    },
  ],
  '@graphql-eslint/strict-id-in-types': [
    'error',
    {
      acceptedIdNames: ['id', 'npsn', 'code'],
      acceptedIdTypes: ['ID'],
      exceptions: {
        types: ['PageInfo', 'PersonReach'],
        suffixes: ['Connection', 'Edge', 'Statistics', 'StatisticsRow', 'Breakdown', 'Count', 'Figures', 'Outcomes', 'Coverage'],
      },
    },
  ],
  '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
  '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
};

export interface ApiLintProblem {
  line: number;
  rule: string;
  message: string;
}

/** Lints an API schema's SDL; the schema-aware rules read the same SDL as the schema. */
export function lintApiSdl(sdl: string): ApiLintProblem[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    sdl,
    [
      {
        files: ['**/*.graphql'],
        languageOptions: { parser, parserOptions: { schemaSdl: sdl } },
        plugins: { '@graphql-eslint': { rules } as never },
        rules: API_LINT_RULES,
      },
    ],
    { filename: 'api.graphql' },
  );
  return messages.map((m) => ({ line: m.line, rule: (m.ruleId ?? 'parse').replace('@graphql-eslint/', ''), message: m.message }));
}

export const formatProblems = (problems: ApiLintProblem[]): string =>
  problems.map((p) => `api.graphql:${p.line} ${p.rule}: ${p.message.replace(/\n/g, ' ')}`).join('\n');
