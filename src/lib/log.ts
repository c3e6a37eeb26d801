const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;
export const LOG_LEVELS = Object.keys(LEVELS) as [LogLevel, ...LogLevel[]];

/**
 * One JSON object per line, which Workers Logs indexes field by field. Lines below the
 * environment's LOG_LEVEL (checked by checkConfig before any request is served) are dropped.
 */
export function log(env: Pick<Env, "LOG_LEVEL">, level: LogLevel, fields: Record<string, unknown>): void {
	const threshold = LEVELS[env.LOG_LEVEL as LogLevel];
	if (LEVELS[level] < threshold) return;
	const line = JSON.stringify({ level, ...fields });
	if (level === "error") console.error(line);
	else if (level === "warn") console.warn(line);
	else console.log(line);
}
