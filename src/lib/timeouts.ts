// Apart from db.ts, which loads the database driver: the read cache needs them too.

// Past this, a query counts as failed and the client gets a 503: nothing hangs on a
// database that stopped answering.
export const QUERY_TIMEOUT_MS = 5_000;

// Postgres itself cancels a read's statement that runs longer (statement_timeout, set in the
// read's own transaction): no read keeps the database busy after the worker stopped waiting.
// Every read the API makes is bounded far below it (docs/design.md: bench:scale's figures).
export const READ_STATEMENT_TIMEOUT_MS = 2_000;
