// The shape every Asterisk .conf file shares: [sections] of `key = value` lines. Keys come from
// this code; values reach here already checked by safe.ts.

export type Value = string | number;
/** One line: `key = value`, `key => value` (objects such as exten/load), or a `; comment`. */
export type Line = readonly [key: string, value: Value] | readonly [key: string, arrow: '=>', value: Value] | { comment: string };

export interface Section {
  name: string;
  /** Comment lines printed above the section header. */
  comment?: string[];
  lines: Line[];
}

function renderLine(line: Line): string {
  if ('comment' in line) return `; ${line.comment}`;
  if (line.length === 3) return `${line[0]} => ${line[2]}`;
  return `${line[0]} = ${line[1]}`;
}

/** The file's text: an optional leading comment block, then the sections, one blank line apart. */
export function renderIni(sections: readonly Section[], preamble: readonly string[] = []): string {
  const blocks: string[] = [];
  if (preamble.length) blocks.push(preamble.map((c) => `; ${c}`).join('\n'));
  for (const s of sections) {
    const head = [...(s.comment ?? []).map((c) => `; ${c}`), `[${s.name}]`];
    blocks.push([...head, ...s.lines.map(renderLine)].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}
