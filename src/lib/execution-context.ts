import type { Context } from "hono";

/** The request's execution context; a direct app.fetch without one (some tests) has none. */
export function executionContextOf(c: Context): Context["executionCtx"] | undefined {
	try {
		return c.executionCtx;
	} catch {
		return undefined;
	}
}

/**
 * Runs `work` once the answer is on its way: after a timer, because a microtask would still
 * run before workerd sends the answer. Without an execution context, at once.
 */
export function afterTheAnswer(c: Context, work: () => void): void {
	const context = executionContextOf(c);
	if (context) context.waitUntil(scheduler.wait(0).then(work));
	else work();
}
