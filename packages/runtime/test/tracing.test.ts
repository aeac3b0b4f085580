import { trace } from '@opentelemetry/api';
import { inSpan, startTracing, traceHeaders, traceRequests, tracingActive, tracingRequested } from '../src/tracing';

describe('tracing, off unless an OTLP endpoint is set', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
  ])('%j: requested %s', (env, requested) => {
    expect(tracingRequested(env)).toBe(requested);
  });

  it('without an endpoint: no provider, no request middleware, no headers, no context tracking', async () => {
    expect(await startTracing('gateway', {})).toBeNull();
    expect(tracingActive()).toBe(false);
    expect(traceRequests()).toBeNull();
    expect(traceHeaders()).toEqual({});
    // Not even a context manager: no AsyncLocalStorage is entered, so no span is ever active.
    const active = await inSpan('work', {}, () => trace.getActiveSpan());
    expect(active).toBeUndefined();
  });
});
