// What bench:geo's clients ask for: a catalogue of people and list URLs, and a popularity
// that follows Zipf's law (a few URLs are read all the time, a long tail now and then).

/** Picks an index below `n` with probability proportional to 1 / (rank + 1)^exponent. */
export function zipf(n: number, exponent = 1.1): (random: () => number) => number {
	const cumulative: number[] = [];
	let total = 0;
	for (let rank = 0; rank < n; rank++) {
		total += 1 / (rank + 1) ** exponent;
		cumulative.push(total);
	}
	return (random) => {
		const target = random() * total;
		let [low, high] = [0, n - 1];
		while (low < high) {
			const middle = (low + high) >> 1;
			if ((cumulative[middle] ?? 0) < target) low = middle + 1;
			else high = middle;
		}
		return low;
	};
}

const SORTS = ["age", "-age", "fare", "-fare", "name", "-name", "passengerClass", "-survived"];
const SURNAMES = [
	"Andersson",
	"Sage",
	"Johnson",
	"Goodwin",
	"Carter",
	"Panula",
	"Skoog",
	"Brown",
	"Rice",
	"Asplund",
];

/** The list URLs the clients read, most popular first: pages, filters, sorts, searches, statistics. */
export const LIST_URLS: readonly string[] = [
	"/people?limit=20",
	"/people/stats?groupBy=passengerClass",
	"/people?sex=female&passengerClass=1&sort=-fare&limit=10",
	...Array.from({ length: 9 }, (_, page) => `/people?limit=20&offset=${20 * (page + 1)}`),
	...SORTS.map((sort) => `/people?sort=${sort}&limit=10`),
	...SURNAMES.map((name) => `/people?q=${name}`),
	...["female", "male"].flatMap((sex) =>
		[1, 2, 3].map((c) => `/people?sex=${sex}&passengerClass=${c}&limit=10`),
	),
	"/people/stats?groupBy=sex",
	"/people/stats?groupBy=ageBand&survived=true",
];

export const isList = (url: string): boolean => !/^\/people\/[0-9a-f-]{36}$/.test(url);
