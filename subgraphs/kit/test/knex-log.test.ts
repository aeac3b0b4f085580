import { knexLogMessage } from '../src/db';

describe("knex's warnings as logged", () => {
  it('keep the error class and the driver reason, never the statement or its values', () => {
    const logged = knexLogMessage(
      `Connection Error: Error: select "t0".* from "training_program" as "t0" where "t0"."id" in ('4715f603-02f7-5e14-bebd-d7681c124c8d') - read ECONNRESET`,
    );
    expect(logged).toBe('Connection Error: Error: (statement not logged: it may contain row values) - read ECONNRESET');
    expect(knexLogMessage(`insert into "teacher" ("full_name") values ('Guru Uji') - Connection terminated`)).toBe(
      '(statement not logged: it may contain row values) - Connection terminated',
    );
  });

  it('pass other warnings unchanged', () => {
    expect(knexLogMessage('Connection Error: Error: read ECONNRESET')).toBe('Connection Error: Error: read ECONNRESET');
    expect(knexLogMessage(new Error('Timeout acquiring a connection. The pool is probably full.'))).toBe(
      'Error: Timeout acquiring a connection. The pool is probably full.',
    );
  });
});
