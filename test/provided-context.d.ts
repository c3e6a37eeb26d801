// What test/global-setup.ts provides, for the tests in either runtime to inject.
declare module "vitest" {
	export interface ProvidedContext {
		databaseUrl: string;
		neonHttpEndpoint: string;
		neonWebSocketHost: string;
		/** The same database behind an endpoint whose compute is asleep whenever it is idle. */
		sleepyNeonHttpEndpoint: string;
		/** The same database behind an endpoint that runs each query but never answers. */
		answerLosingNeonHttpEndpoint: string;
		/** Whether the database is the embedded PGlite (one session for every connection). */
		embeddedDatabase: boolean;
	}
}

export {};
