import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type express from 'express';

export type { Attributes, Span } from '@opentelemetry/api';

/**
 * OpenTelemetry traces, off unless an OTLP endpoint is configured with the
 * standard SDK variables: OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER,
 * OTEL_BSP_*; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it
 * off. Off, no provider is registered: the API's no-op tracer answers,
 * nothing is exported, and the services add no span hooks at all.
 */

/** The settings that turn tracing on (read by the SDK itself; listed here for the checks below). */
export interface TracingEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SDK_DISABLED?: string;
  OTEL_TRACES_EXPORTER?: string;
}

export interface Tracing {
  /** Exports what is buffered and stops (at the end of a service's stop()). */
  shutdown(): Promise<void>;
}

const TRACER = '@mitra/runtime';
let started: Tracing | null = null;

/** Whether the environment asks for traces. */
export function tracingRequested(env: TracingEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Whether this process exports spans (startTracing found an endpoint). */
export function tracingActive(): boolean {
  return started !== null;
}

/**
 * Registers the tracer provider of this process once: an OTLP/HTTP (JSON)
 * exporter behind a batch processor, W3C trace context, and the
 * AsyncLocalStorage context manager. `serviceName` unless OTEL_SERVICE_NAME
 * says otherwise. Null when tracing is not requested; the SDK is loaded only
 * when it is (it takes about a second of start-up on a busy machine).
 */
export async function startTracing(serviceName: string, env: TracingEnv = process.env): Promise<Tracing | null> {
  if (started) return started;
  if (!tracingRequested(env)) return null;
  const [{ OTLPTraceExporter }, { envDetectorSync, Resource }, { BatchSpanProcessor, NodeTracerProvider }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  if (started) return started;
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': serviceName }))
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win.
    .merge(envDetectorSync.detect());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  started = { shutdown: () => provider.shutdown() };
  return started;
}

/** Runs `work` in a span of its own, a child of the active one; the span ends (with the error, if any) when `work` settles. */
export function inSpan<T>(name: string, attributes: Attributes, work: () => T | Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A client span started now under the active one, ended by the caller (for calls announced by events, such as a driver's queries). */
export function startClientSpan(name: string, attributes: Attributes): Span {
  return trace.getTracer(TRACER).startSpan(name, { attributes, kind: SpanKind.CLIENT });
}

/** Marks a span as failed: the error's class only, never its message (it may quote SQL or values). */
export function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error | undefined)?.name ?? 'Error' });
}

/** Adds the active trace context to outgoing headers (`traceparent`, `tracestate`). */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

/** The active trace context as headers for a fetch of this service's own (none when tracing is off). */
export function traceHeaders(): Record<string, string> {
  if (!tracingActive()) return {};
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * A server span per request, a child of the caller's `traceparent` when it
 * sends one (the gateway's fetch, for a subgraph), under which everything
 * the request does runs. Null when tracing is off: nothing is mounted.
 */
export function traceRequests(): express.RequestHandler | null {
  if (!tracingActive()) return null;
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = `${req.baseUrl}${req.path === '/' ? '' : req.path}` || '/';
    const span = trace
      .getTracer(TRACER)
      .startSpan(
        `${req.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': route } },
        parent,
      );
    const active = trace.setSpan(parent, span);
    // The body arrives in events of the socket's own context: bound, so that parsing and all after it stay in the request's trace.
    context.bind(active, req);
    context.bind(active, res);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(active, next);
  };
}
