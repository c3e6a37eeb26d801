// The worker runs in workerd, not Node: its tsconfig has no Node types, so a `node:` import
// fails the type check. The one exception is AsyncLocalStorage, which workerd provides
// under the nodejs_als compatibility flag (wrangler.toml); this is the part the worker uses.
declare module "node:async_hooks" {
	export class AsyncLocalStorage<T> {
		getStore(): T | undefined;
		run<R>(store: T, callback: () => R): R;
	}
}
