import { setTimeout as sleep } from "node:timers/promises";

/** Neon's scale to zero: suspended after this long without a query, and this long to wake. */
export interface ColdStart {
	suspendAfterMs: number;
	wakeMs: number;
}

/**
 * The compute behind the endpoint, as Neon runs it: with a cold start, it suspends once
 * nothing has run for `suspendAfterMs`, and the next query waits `wakeMs` for it to wake
 * (so does every query that arrives meanwhile). Without one, it never sleeps.
 */
export class Compute {
	readonly #coldStart: ColdStart | undefined;
	#busy = 0;
	#lastActive = Date.now();
	#waking: Promise<void> | undefined;
	#wakes = 0;

	constructor(coldStart?: ColdStart) {
		this.#coldStart = coldStart;
	}

	/** How many times the compute has woken from suspension. */
	get wakes(): number {
		return this.#wakes;
	}

	/** Resolves once the compute can run a query; pair with leave(). */
	async enter(): Promise<void> {
		const suspended =
			this.#coldStart !== undefined &&
			this.#busy === 0 &&
			Date.now() - this.#lastActive >= this.#coldStart.suspendAfterMs;
		if (suspended && this.#coldStart && !this.#waking) {
			this.#wakes++;
			this.#waking = sleep(this.#coldStart.wakeMs).finally(() => {
				this.#waking = undefined;
			});
		}
		this.#busy++;
		await this.#waking;
	}

	leave(): void {
		this.#busy--;
		this.#lastActive = Date.now();
	}
}
