// A person's ETag is its row version, which every write advances and which is unique
// across rows and time: "p42" for the JSON, "p42.html" for the page, and a selection of
// fields after them ("p42+name+age"). Strong, per representation, and checkable inside the
// UPDATE or DELETE that an If-Match guards (the whole JSON's only).
import type { Selection } from "./people.select";

export function personEtag(version: number, html = false, selection: Selection = []): string {
	return `"p${version}${html ? ".html" : ""}${selection.map((field) => `+${field}`).join("")}"`;
}

/** The row version a person's ETag names (any representation's); undefined for any other tag. */
export function versionOfEtag(etag: string): number | undefined {
	const version = /^"p(\d{1,15})(?:\.html)?(?:\+[A-Za-z]+)*"$/.exec(etag)?.[1];
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
