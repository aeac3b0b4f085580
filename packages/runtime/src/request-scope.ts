import { AsyncLocalStorage } from 'node:async_hooks';

/** What one HTTP request carries through every await: its id and the SQL it caused. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

let totalSqlStatements = 0;

/** Called for every SQL statement the subgraph sends. */
export function countSqlStatement(): void {
  totalSqlStatements += 1;
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements += 1;
}

export function sqlStatementsTotal(): number {
  return totalSqlStatements;
}
