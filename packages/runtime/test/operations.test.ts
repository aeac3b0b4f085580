import http from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  MAX_OPERATION_LABELS,
  ServiceMetrics,
  createLogger,
  formatErrorFor,
  isDatabaseUnavailable,
  listen,
  loggableError,
  metricsRoute,
  operationLabel,
  outcomeOf,
  outcomeOfStatus,
  type RunningService,
  type ServiceConfig,
} from '../src';

/**
 * Issue 7 in the kit: metric labels that stay few and say nothing about
 * anyone, who may read /metrics, the database faults that become
 * SERVICE_UNAVAILABLE, error logs without row values, and a shutdown that
 * finishes what is in flight but not forever.
 */

describe('metric labels', () => {
  it('keep a GraphQL operation name, cut to 64 characters, and call anything else invalid or anonymous', () => {
    expect(operationLabel('TeacherPage')).toBe('TeacherPage');
    expect(operationLabel(`A${'b'.repeat(100)}`)).toBe(`A${'b'.repeat(63)}`);
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('')).toBe('anonymous');
    expect(operationLabel('Siti Rahmawati 1990-04-12')).toBe('invalid');
    expect(operationLabel('x"} 1\nfake_metric 2')).toBe('invalid');
    expect(operationLabel(42)).toBe('invalid');
  });

  it('count at most MAX_OPERATION_LABELS distinct names, and the rest as "other"', () => {
    const metrics = new ServiceMetrics('test');
    for (let i = 0; i < MAX_OPERATION_LABELS; i++) expect(metrics.operation(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operation('OneTooMany')).toBe('other');
    expect(metrics.operation('Op7')).toBe('Op7');
  });

  it('name the outcome by the worst error code of the answer, or by the HTTP status without one', () => {
    expect(outcomeOf([])).toBe('ok');
    expect(outcomeOf(['BAD_USER_INPUT', 'FORBIDDEN'])).toBe('refused');
    expect(outcomeOf(['BAD_USER_INPUT', 'SERVICE_UNAVAILABLE'])).toBe('unavailable');
    expect(outcomeOf(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'])).toBe('error');
    expect(outcomeOf([undefined])).toBe('error');
    expect([200, 400, 401, 413, 499, 500, 503].map(outcomeOfStatus)).toEqual([
      'ok',
      'refused',
      'refused',
      'refused',
      'refused',
      'error',
      'unavailable',
    ]);
  });
});

describe('/metrics access', () => {
  const services: RunningService[] = [];
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  async function serve(access: { token: string | null; isProduction: boolean }): Promise<string> {
    const metrics = new ServiceMetrics('test');
    metrics.observeRequest('Probe', 'ok', 0.01);
    const app = express();
    app.get('/metrics', metricsRoute(metrics, access));
    const service = await listen(app, '127.0.0.1', 0, createLogger('test', 'silent'), async () => undefined);
    services.push(service);
    return `http://127.0.0.1:${service.port}/metrics`;
  }

  it('serves the text format to anyone outside production without a token', async () => {
    const response = await fetch(await serve({ token: null, isProduction: false }));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^mitra_graphql_requests_total\{operation="Probe",outcome="ok",service="test"\} 1$/m);
  });

  it('needs the token, compared in constant time, when one is set', async () => {
    const url = await serve({ token: 'a-metrics-token-0123456789', isProduction: true });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer a-metrics-token-012345678' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer a-metrics-token-0123456789' } })).status).toBe(200);
  });

  it('is off in production without a token', async () => {
    expect((await fetch(await serve({ token: null, isProduction: true }))).status).toBe(404);
  });
});

describe('database faults', () => {
  const pg = (message: string, code: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), { code, severity: 'FATAL', ...extra });

  it.each([
    ['connection refused', new DriverException(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))],
    ['the server shutting down', new DriverException(pg('terminating connection due to administrator command', '57P01'))],
    ['the server starting up', pg('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', pg('connection failure', '08006')],
    ['a broken connection', new Error('Connection terminated unexpectedly')],
    ['the rollback of a transaction the outage cut off', new DriverException(new Error('Client was closed and is not queryable'))],
    [
      'an exhausted pool',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
    ],
    [
      'one wrapped in a GraphQL error',
      { originalError: new DriverException(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })) },
    ],
  ])('%s means unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pg('duplicate key value violates unique constraint "teacher_nuptk_unique"', '23505')],
    ['a syntax error', pg('syntax error at or near "selec"', '42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s does not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('logs a database error by its class, SQLSTATE and constraint, without the statement or the row', () => {
    const error = new UniqueConstraintViolationException(
      pg(`insert into "teacher" ("full_name", "nuptk") values ('Siti Rahmawati', '1234567890123456') - duplicate key value`, '23505', {
        constraint: 'teacher_nuptk_unique',
        table: 'teacher',
        detail: 'Key (nuptk)=(1234567890123456) already exists.',
      }),
    );
    const logged = loggableError(error) as Error;
    expect(logged).toMatchObject({
      errorClass: 'UniqueConstraintViolationException',
      code: '23505',
      constraint: 'teacher_nuptk_unique',
      table: 'teacher',
    });
    // As pino writes it: the class and code are in the line, the statement and the row are not.
    const line = JSON.stringify(pino.stdSerializers.err(logged));
    expect(line).toContain('UniqueConstraintViolationException (23505)');
    expect(line).not.toMatch(/Siti|1234567890123456|insert into/);
  });

  it.each([
    ['26000', 'prepared statement "mitra_0123456789abcdef01234567" does not exist', /PgBouncer in transaction mode/],
    ['0A000', 'cached plan must not change result type', /a migration while this service ran/],
  ])('says what to do about a prepared statement refused for a set-up reason (%s)', (code, message, hint) => {
    const line = JSON.stringify(
      pino.stdSerializers.err(loggableError(pg(`select "id" from "teacher" where "full_name" = 'Siti' - ${message}`, code)) as Error),
    );
    expect(line).toMatch(hint);
    expect(line).toContain(`(${code})`);
    expect(line).not.toMatch(/Siti|select /);
  });

  it('gives no such hint for other refusals', () => {
    const logged = loggableError(pg('feature not supported: something else', '0A000')) as { hint?: string };
    expect(logged.hint).toBeUndefined();
    expect((loggableError(pg('syntax error at or near "selec"', '42601')) as { hint?: string }).hint).toBeUndefined();
  });

  it('logs a connection lost under a query builder by what the driver said, without the statement knex put in front', () => {
    const error = new Error(
      `select "t"."id" from "teacher" as "t" where "t"."full_name" = 'Siti Rahmawati' - Connection terminated unexpectedly`,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    const line = JSON.stringify(pino.stdSerializers.err(loggableError(error) as Error));
    expect(line).toContain('Connection terminated');
    expect(line).not.toMatch(/Siti|select |teacher/);
  });

  it('answers SERVICE_UNAVAILABLE for a database that does not answer, and logs a warning with no values', () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const format = formatErrorFor({ nodeEnv: 'production' } as ServiceConfig, logger);
    const original = new DriverException(
      Object.assign(new Error(`insert into "registration" values ('Peserta Rahasia') - Connection terminated unexpectedly`), {
        code: undefined,
      }),
    );
    const formatted = format({ message: original.message, path: ['registerParticipant'] }, { originalError: original });
    expect(formatted).toEqual({
      message: 'The database of this service is unavailable; try again later (after a failed write, read before writing again)',
      path: ['registerParticipant'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, msg: 'database unavailable' });
    expect(lines[0]).not.toMatch(/Peserta|insert into/);
  });
});

describe('stopping a service', () => {
  function request(port: number, path: string, agent: http.Agent): Promise<{ status: number; body: string; connection?: string }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        })
        .on('error', reject);
    });
  }

  async function slowService(drainTimeoutMs: number) {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const events: string[] = [];
    const app = express();
    app.get('/fast', (_req, res) => res.send('fast'));
    app.get('/slow', async (_req, res) => {
      arrived();
      await released;
      events.push('answered');
      res.send('slow');
    });
    const service = await listen(
      app,
      '127.0.0.1',
      0,
      createLogger('test', 'silent'),
      async () => void events.push('onStop'),
      drainTimeoutMs,
    );
    return { service, release, inFlight, events };
  }

  it('refuses new connections, finishes the request in flight on a keep-alive connection, then runs onStop', async () => {
    // A drain timeout far beyond jest's own: the stop must not wait for it, only for the request.
    const { service, release, inFlight, events } = await slowService(600_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await request(service.port, '/fast', agent)).body).toBe('fast');
    const slow = request(service.port, '/slow', agent);
    await inFlight;
    const stopped = service.stop();
    await expect(request(service.port, '/fast', new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    expect(events).toEqual([]);
    release();
    expect(await slow).toEqual({ status: 200, body: 'slow', connection: 'keep-alive' });
    await stopped;
    expect(events).toEqual(['answered', 'onStop']);
    agent.destroy();
  });

  it('closes what is still running after the drain timeout, and stops', async () => {
    const { service, release, inFlight, events } = await slowService(200);
    const slow = request(service.port, '/slow', new http.Agent());
    await inFlight;
    await service.stop();
    await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(events).toEqual(['onStop']);
    release();
  });
});
