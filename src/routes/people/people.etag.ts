// A person's ETag is its row version, which every write advances and which is unique
// across rows and time: "p42" for the JSON, "p42.html" for the page. Strong, per
// representation, and checkable inside the UPDATE or DELETE that an If-Match guards.

export function personEtag(version: number, html = false): string {
	return `"p${version}${html ? ".html" : ""}"`;
}

/** The row version a person's ETag names (either representation's); undefined for any other tag. */
export function versionOfEtag(etag: string): number | undefined {
	const version = /^"p(\d{1,15})(?:\.html)?"$/.exec(etag)?.[1];
	return version === undefined ? undefined : Number(version);
}

/**
 * The row versions an If-Match header accepts, by strong comparison with the JSON's ETag;
 * undefined when there is no condition (no header, or `*`: any current person). Weak and
 * foreign tags match nothing, so a list of only those fails the condition.
 */
export function versionsIn(ifMatch: string | undefined): number[] | undefined {
	if (ifMatch === undefined || ifMatch.trim() === "*") return undefined;
	return ifMatch
		.split(",")
		.map((tag) => /^"p(\d{1,15})"$/.exec(tag.trim())?.[1])
		.filter((version) => version !== undefined)
		.map(Number);
}
