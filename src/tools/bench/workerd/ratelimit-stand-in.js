// bench:api's stand-in for the rate-limit bindings in plain workerd: every request is within budget.
export default function makeLimiter() {
	return { limit: async () => ({ success: true }) };
}
