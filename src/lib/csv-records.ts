// RFC 4180 records from a CSV text held whole (a request body): quoted fields with doubled
// quotes and line breaks, a byte order mark, and CRLF, LF or CR line endings, mixed too, as
// the loader's csv-parse reads files. Written here because csv-parse needs Node's Buffer,
// which the worker does not have; test/lib/csv-records.test.ts holds it to the same cases.

export interface CsvRecord {
	fields: string[];
	/** The line the record starts on, from 1. */
	line: number;
}

/** The records of `text`, or the line of a quote left open. */
export function csvRecords(text: string): { records: CsvRecord[] } | { unclosedQuoteLine: number } {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = "";
	let quoted = false;
	let line = 1;
	let start = 1;
	let quoteLine = 0;
	const endField = () => {
		fields.push(field);
		field = "";
	};
	const endRecord = () => {
		endField();
		records.push({ fields, line: start });
		fields = [];
	};
	const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
	for (let i = 0; i < body.length; i++) {
		const char = body[i] as string;
		const lineBreak = char === "\n" || (char === "\r" && body[i + 1] !== "\n");
		if (quoted) {
			if (char === '"' && body[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
			if (lineBreak) line++;
		} else if (char === '"' && field === "") {
			quoted = true;
			quoteLine = line;
		} else if (char === ",") endField();
		else if (lineBreak) {
			endRecord();
			line++;
			start = line;
		} else if (char !== "\r") field += char;
	}
	if (quoted) return { unclosedQuoteLine: quoteLine };
	if (field !== "" || fields.length) endRecord();
	return { records };
}
