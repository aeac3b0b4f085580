import { createRequire } from 'node:module';
import type * as FederationInternals from '@apollo/federation-internals';
import type {
  CompositeType,
  EnumType,
  FieldSelection,
  FragmentSelection,
  NamedType,
  Operation,
  ScalarType,
  Schema,
  Selection,
  SelectionSet,
  Type,
} from '@apollo/federation-internals';

/**
 * The gateway's last step, shaping the merged subgraph answers into the
 * client's answer, done as @apollo/gateway does it, only faster.
 *
 * @apollo/gateway 2.x ends every operation with `computeResponse`
 * (its dist/resultShaping.js): a walk of the operation over the merged data
 * that keeps the selected fields under their response names, drops what was
 * fetched for keys and `@requires`, checks every leaf, and propagates nulls
 * with "Cannot return null for non-nullable field" errors. It is written for
 * any shape: for every value of every object it re-reads the selection's
 * `@skip`/`@include` (two directive lookups and two filtered arrays), the
 * field's definition and response name, and returns a new object per value.
 * On the page of 100 teachers (teachers-100) that walk took 3.7 to 4.5 ms
 * of the gateway's CPU per request, measured in the running gateway: about
 * an eighth of the whole page.
 *
 * This is the same algorithm, with the per-selection facts read once per
 * request (the operation is rebuilt for every request, so nothing is kept
 * between requests) and no object per value. Its answers, errors included,
 * are compared with Apollo's own function in gateway/test/result-shaping.test.ts
 * (every dashboard operation, nulls and wrong values anywhere, aliases,
 * repeated fields, fragments on abstract types, @skip/@include, introspection).
 *
 * ./result-shaping-install.ts puts it in the place of Apollo's.
 */

import { BUBBLE, FALLBACK, objectShaper, shapeable, type ObjectShaper } from './result-shaping-fast';

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));
// The copy @apollo/gateway itself loads: `instanceof Variable` and ERRORS must be its own.
const internals = gatewayRequire('@apollo/federation-internals') as typeof FederationInternals;
const { ERRORS, Variable, isSubtype, isValidLeafValue, typenameFieldName } = internals;
// Apollo's own assert: an impossible answer fails with the very message Apollo's shaping gives.
const assert: (condition: unknown, message: string | (() => string)) => asserts condition = internals.assert;

interface ShapingInput {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (selection: FieldSelection) => unknown;
}

type Data = Record<string, unknown>;

/** An `@skip` or `@include`: its `if`, a literal or a variable's name. */
interface Condition {
  literal?: boolean;
  variable?: string;
  directive: { toString(): string };
}

interface FieldStep {
  kind: 'field';
  selection: FieldSelection;
  skip?: Condition;
  include?: Condition;
  responseName: string;
  /** A name Object.prototype has (`constructor`, `toString`, `__proto__`, …): read and written as an own property only. */
  inherited: boolean;
  /**
   * For a field of a scalar or enum type (or its non-null): true for a non-null value that `value` would keep as
   * it is, without an error. The walk then copies it without the two calls; false sends it the long way.
   */
  leaf?: (value: unknown) => boolean;
  isTypename: boolean;
  isIntrospection: boolean;
  type: Type;
  /** The field's own selections, compiled on first use. */
  selectionSet?: SelectionSet;
}

interface FragmentStep {
  kind: 'fragment';
  skip?: Condition;
  include?: Condition;
  typeCondition?: CompositeType;
  selectionSet: SelectionSet;
  /** typeConditionApplies, by __typename (or by parent type name when the data has none). */
  applies: Map<string, boolean>;
}

type Step = FieldStep | FragmentStep;

const OK = 0;
const NULL_BUBBLE_UP = 1;

/**
 * Answers are ordinary objects, not `Object.create(null)` as Apollo's: V8
 * keeps an object without a prototype in dictionary mode, and the answer of
 * a page of 100 teachers (132 KB) took 1.5 ms to serialise that way against
 * 0.95 ms, and 0.78 against 0.53 ms to build (docs/benchmarks.md). A
 * response name that Object.prototype also has is therefore read and written
 * as an own property (`__proto__` as an alias must not set the prototype).
 */
function ownValue(output: Data, step: FieldStep): unknown {
  return step.inherited
    ? Object.prototype.hasOwnProperty.call(output, step.responseName)
      ? output[step.responseName]
      : undefined
    : output[step.responseName];
}

/** A field of the merged data: its own value, null when absent. */
function inputOf(input: Data, responseName: string): unknown {
  return Object.prototype.hasOwnProperty.call(input, responseName) ? (input[responseName] ?? null) : null;
}

function setOwn(output: Data, step: FieldStep, value: unknown): void {
  if (step.inherited) Object.defineProperty(output, step.responseName, { value, writable: true, enumerable: true, configurable: true });
  else output[step.responseName] = value;
}

/**
 * The steps of each selection set, per operation. Kept as long as the
 * operation is: the gateway keeps one per query text (operation-cache.ts),
 * so a query asked again walks steps compiled by the first request. They
 * depend on the operation and its schema only, never on a request's
 * variables or data.
 */
const compiledByOperation = new WeakMap<Operation, Map<SelectionSet, Compiled>>();

/** A selection set's steps, and its generated shaping once asked for (null: the walk shapes its objects). */
interface Compiled {
  steps: Step[];
  fast?: ObjectShaper<CompositeType> | null;
}

/** Typenames whose answer a fragment step keeps (a schema has far fewer types that can meet one fragment). */
const MAX_TYPENAMES_KEPT = 256;

class Shaper {
  readonly errors: Error[] = [];
  /** Set by `value` for its caller: the value is null where it must not be (the parent becomes null). */
  private invalid = false;
  /** Set by `value`: an error was recorded for this value or inside it. */
  private hasErrors = false;

  private readonly stringType: Type;
  private readonly booleanType: Type;

  constructor(
    private readonly schema: Schema,
    private readonly compiled: Map<SelectionSet, Compiled>,
    private readonly variables: Record<string, unknown>,
    private readonly introspectionHandling: (selection: FieldSelection) => unknown,
  ) {
    this.stringType = schema.stringType();
    this.booleanType = schema.booleanType();
  }

  private condition(selection: Selection, name: 'skip' | 'include'): Condition | undefined {
    const definition = name === 'skip' ? this.schema.skipDirective() : this.schema.includeDirective();
    const [directive] = selection.element.appliedDirectivesOf(definition);
    if (!directive) return undefined;
    const value = (directive.arguments() as { if?: unknown }).if;
    return value instanceof Variable ? { variable: value.name, directive } : { literal: value as boolean, directive };
  }

  private compile(selectionSet: SelectionSet): Compiled {
    const kept = this.compiled.get(selectionSet);
    if (kept) return kept;
    const steps = selectionSet.selections().map((selection): Step => {
      const skip = this.condition(selection, 'skip');
      const include = this.condition(selection, 'include');
      if (selection.kind === 'FieldSelection') {
        const field = selection.element;
        const responseName = field.responseName();
        return {
          kind: 'field',
          selection,
          skip,
          include,
          responseName,
          inherited: responseName in Object.prototype,
          isTypename: field.name === typenameFieldName,
          isIntrospection: field.definition.isSchemaIntrospectionField(),
          type: field.definition.type!,
          selectionSet: selection.selectionSet,
          leaf: selection.selectionSet ? undefined : this.leafCheck(field.definition.type!),
        };
      }
      const fragment = (selection as FragmentSelection).element;
      return {
        kind: 'fragment',
        skip,
        include,
        typeCondition: fragment.typeCondition,
        selectionSet: selection.selectionSet,
        applies: new Map(),
      };
    });
    const compiled: Compiled = { steps };
    this.compiled.set(selectionSet, compiled);
    return compiled;
  }

  /** What `value`'s leaf branch accepts, for the commonest kinds, as one test (the rest: `isValidLeafValue`). */
  private leafCheck(type: Type): ((value: unknown) => boolean) | undefined {
    const named = type.kind === 'NonNullType' ? type.ofType : type;
    if (named.kind === 'EnumType') return (value) => typeof value === 'string' && named.value(value) !== undefined;
    if (named.kind !== 'ScalarType') return undefined;
    if (internals.isCustomScalarType(named)) return () => true;
    if (named === this.stringType || named === this.schema.idType()) return (value) => typeof value === 'string';
    if (named === this.booleanType) return (value) => typeof value === 'boolean';
    if (named === this.schema.intType()) return (value) => Number.isSafeInteger(value);
    if (named === this.schema.floatType()) return (value) => typeof value === 'number' && Number.isFinite(value);
    return undefined;
  }

  private ifValue(condition: Condition): boolean {
    if (condition.variable === undefined) return condition.literal as boolean;
    const value = this.variables[condition.variable];
    assert(
      value !== undefined && typeof value === 'boolean',
      () => `Unexpected value ${value as string} for variable $${condition.variable} of ${condition.directive.toString()}`,
    );
    return value as boolean;
  }

  private skipped(step: Step): boolean {
    return Boolean((step.skip && this.ifValue(step.skip)) || (step.include && !this.ifValue(step.include)));
  }

  private applies(step: FragmentStep, typename: string | undefined, parentType: CompositeType): boolean {
    const condition = step.typeCondition;
    if (!condition) return true;
    const key = typename ? typename : `\u0000${parentType.name}`;
    let applies = step.applies.get(key);
    if (applies === undefined) {
      if (typename) {
        const type = this.schema.type(typename);
        applies = !!type && isSubtype(condition, type);
      } else {
        applies = isSubtype(condition, parentType);
      }
      // Kept with the operation across requests: bounded, whatever typenames a subgraph sends.
      if (step.applies.size < MAX_TYPENAMES_KEPT) step.applies.set(key, applies);
    }
    return applies;
  }

  /** Apollo's applySelectionSet: the selections of `selectionSet` from `input` into `output`. */
  selectionSet(input: Data, selectionSet: SelectionSet, output: Data, path: Array<string | number>, parentType: CompositeType): number {
    for (const step of this.compile(selectionSet).steps) {
      if ((step.skip || step.include) && this.skipped(step)) continue;
      if (step.kind === 'field') {
        const responseName = step.responseName;
        const outputValue = ownValue(output, step);
        if (step.isIntrospection) {
          if (outputValue === undefined) setOwn(output, step, this.introspectionHandling(step.selection));
          continue;
        }
        if (step.isTypename) {
          if (outputValue === undefined) {
            const typename = this.typenameOf(input, step, parentType);
            if (typename === BUBBLE) return NULL_BUBBLE_UP;
            setOwn(output, step, typename);
          }
          continue;
        }
        const inputValue = inputOf(input, responseName);
        if (step.leaf !== undefined && outputValue === undefined && inputValue !== null && step.leaf(inputValue)) {
          setOwn(output, step, inputValue);
          continue;
        }
        path.push(responseName);
        const updated = this.value(outputValue, step.type, inputValue, step.selectionSet, path, parentType);
        setOwn(output, step, updated);
        path.pop();
        if (this.invalid) {
          this.invalid = false;
          return NULL_BUBBLE_UP;
        }
      } else {
        const typename = input[typenameFieldName];
        assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${typename as string}`);
        if (this.applies(step, typename as string | undefined, parentType)) {
          const result = this.selectionSet(input, step.selectionSet, output, path, step.typeCondition ?? parentType);
          if (result === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
        }
      }
    }
    return OK;
  }

  /** A `__typename` step's value: the object's own type, named by the data; BUBBLE when that is not an object type. */
  typenameOf(input: Data, step: FieldStep, parentType: CompositeType): string | typeof BUBBLE {
    const responseName = step.responseName;
    let inputValue = inputOf(input, responseName);
    if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
    const type = inputValue !== null && typeof inputValue === 'string' ? (this.schema.type(inputValue) ?? parentType) : parentType;
    return type.kind === 'ObjectType' ? type.name : BUBBLE;
  }

  /** A field of a new object, shaped by the walk (for result-shaping-fast.ts); BUBBLE when the object must be null. */
  fieldOf(input: Data, step: FieldStep, path: Array<string | number>, parentType: CompositeType): unknown {
    path.push(step.responseName);
    const updated = this.value(undefined, step.type, inputOf(input, step.responseName), step.selectionSet, path, parentType);
    path.pop();
    if (this.invalid) {
      this.invalid = false;
      return BUBBLE;
    }
    return updated;
  }

  /** The generated shaping of a new object of this selection set (result-shaping-fast.ts), or null when it has none. */
  private fastShaper(selectionSet: SelectionSet): ObjectShaper<CompositeType> | null {
    const compiled = this.compile(selectionSet);
    if (compiled.fast === undefined) compiled.fast = shapeable(compiled.steps) ? objectShaper<CompositeType>(compiled.steps) : null;
    return compiled.fast;
  }

  private describeLast(path: Array<string | number>, currentType: Type, parentType: CompositeType): string {
    const element = path[path.length - 1];
    assert(element !== undefined, 'Should not have been called on an empty path');
    return typeof element === 'string'
      ? `field ${parentType.toString()}.${element}`
      : `array element of type ${currentType.toString()} at index ${element}`;
  }

  /**
   * Apollo's updateOutputValue. Its result object `{ updated, isInvalid, hasErrors }` becomes the
   * return value and the two flags, which the caller reads (and clears) right after the call.
   */
  private value(
    outputValue: unknown,
    type: Type,
    inputValue: unknown,
    selectionSet: SelectionSet | undefined,
    path: Array<string | number>,
    parentType: CompositeType,
  ): unknown {
    assert(inputValue !== undefined, 'Should not pass undefined for `inputValue` to this method');
    this.invalid = false;
    this.hasErrors = false;
    if (outputValue === null || (outputValue !== undefined && !selectionSet)) return outputValue;
    switch (type.kind) {
      case 'NonNullType': {
        const updated = this.value(outputValue, type.ofType, inputValue, selectionSet, path, parentType);
        if (updated === null) {
          if (!this.hasErrors) {
            this.errors.push(
              ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${this.describeLast(path, type.ofType, parentType)}.`, {
                path: Array.from(path),
              }),
            );
          }
          this.invalid = true;
          this.hasErrors = true;
          return updated;
        }
        // Apollo returns `{ updated }` here: neither flag, whatever the inner value had.
        this.invalid = false;
        this.hasErrors = false;
        return updated;
      }
      case 'ListType': {
        if (inputValue === null) return null;
        assert(
          Array.isArray(inputValue),
          () => `Invalid non-list value ${inputValue as string} returned by subgraph for list type ${type.toString()}`,
        );
        assert(
          outputValue === undefined || Array.isArray(outputValue),
          () => `Invalid non-list value ${outputValue as string} returned by subgraph for list type ${type.toString()}`,
        );
        const input = inputValue as unknown[];
        const output = outputValue as unknown[] | undefined;
        const length = output === undefined ? input.length : output.length;
        assert(
          input.length === length,
          () => `[${input.join(',')}].length (${input.length}) !== [${(output ?? []).join(',')}].length (${length})`,
        );
        let shouldNullify = false;
        let hasErrors = false;
        const updated = new Array<unknown>(length);
        for (let index = 0; index < length; index++) {
          path.push(index);
          updated[index] = this.value(
            output === undefined ? undefined : output[index],
            type.ofType,
            input[index],
            selectionSet,
            path,
            parentType,
          );
          path.pop();
          shouldNullify ||= this.invalid;
          hasErrors ||= this.hasErrors;
        }
        this.invalid = false;
        this.hasErrors = hasErrors;
        return shouldNullify ? null : updated;
      }
      case 'ObjectType':
      case 'InterfaceType':
      case 'UnionType': {
        if (inputValue === null) return null;
        assert(selectionSet, () => `Invalid empty selection set for composite type ${type.toString()}`);
        assert(
          typeof inputValue === 'object',
          () => `Invalid non-object value ${inputValue as string} returned by subgraph for composite type ${type.toString()}`,
        );
        assert(
          outputValue === undefined || typeof outputValue === 'object',
          () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.toString()}`,
        );
        const input = inputValue as Data;
        const inputTypename = input[typenameFieldName];
        assert(
          inputTypename === undefined || typeof inputTypename === 'string',
          () => `Invalid non-string value ${inputTypename as string} for __typename at ${path.join(',')}`,
        );
        let objectType: CompositeType = type;
        if (inputTypename) {
          const named = this.schema.type(inputTypename as string);
          if (!named || !isComposite(named)) {
            this.errors.push(
              ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${this.describeLast(path, type, parentType)}.`, {
                path: Array.from(path),
              }),
            );
            this.hasErrors = true;
            return null;
          }
          objectType = named;
        }
        if (outputValue === undefined) {
          const shaped = this.fastShaper(selectionSet!)?.(input, this, path, objectType) ?? FALLBACK;
          if (shaped !== FALLBACK) {
            this.invalid = false;
            this.hasErrors = shaped === BUBBLE;
            return this.hasErrors ? null : shaped;
          }
        }
        const output = outputValue === undefined ? ({} as Data) : (outputValue as Data);
        const result = this.selectionSet(input, selectionSet!, output, path, objectType);
        this.invalid = false;
        this.hasErrors = result === NULL_BUBBLE_UP;
        return this.hasErrors ? null : output;
      }
      default: {
        if (inputValue === null) return null;
        assert(outputValue === undefined, () => `Excepted output to be undefined but got ${type.toString()} for type ${type.toString()}`);
        // A string for String, a boolean for Boolean: what isValidLeafValue answers true to, without asking it.
        const valid =
          (typeof inputValue === 'string' && type === this.stringType) ||
          (typeof inputValue === 'boolean' && type === this.booleanType) ||
          isValidLeafValue(this.schema, inputValue, type as ScalarType | EnumType);
        if (!valid) {
          this.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${this.describeLast(path, type, parentType)}.`, { path: Array.from(path) }),
          );
        }
        this.hasErrors = !valid;
        return valid ? inputValue : null;
      }
    }
  }
}

function isComposite(type: NamedType): type is CompositeType {
  return type.kind === 'ObjectType' || type.kind === 'InterfaceType' || type.kind === 'UnionType';
}

/** Same contract as @apollo/gateway's `computeResponse`. */
export function computeResponse({ operation, variables, input, introspectionHandling }: ShapingInput): {
  data: Data | null | undefined;
  errors: Error[];
} {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  let compiled = compiledByOperation.get(operation);
  if (!compiled) compiledByOperation.set(operation, (compiled = new Map()));
  const shaper = new Shaper(
    schema,
    compiled,
    { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables } as Record<string, unknown>,
    introspectionHandling,
  );
  const data: Data = {};
  const rootType = schema.schemaDefinition.rootType(operation.rootKind)!;
  const result = shaper.selectionSet(input, operation.selectionSet, data, [], rootType);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: shaper.errors };
}
