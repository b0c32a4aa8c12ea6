// A tiny reader of Asterisk's .conf syntax for tests: [sections] (with an optional (template)
// suffix), `key = value` and `key => value` lines, `;` comments. Sections with the same name stay
// separate, in file order, as Asterisk's sorcery sees them (endpoint and aor may share a name).

export interface IniSection {
  name: string;
  entries: [key: string, value: string][];
}

export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    if (!line) return;
    const header = /^\[([^\]]+)\](\(.*\))?$/.exec(line);
    if (header?.[1]) {
      current = { name: header[1], entries: [] };
      sections.push(current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 1 || !current) throw new Error(`line ${i + 1} is neither a section nor a key = value: ${raw}`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).replace(/^>/, '').trim();
    current.entries.push([key, value]);
  });
  return sections;
}

/** The sections named `name`; with `type`, only those whose `type` entry equals it. */
export function sectionsNamed(sections: readonly IniSection[], name: string, type?: string): IniSection[] {
  return sections.filter((s) => s.name === name && (type === undefined || value(s, 'type') === type));
}

/** The one section named `name` (and of `type`), or an error saying how many there are. */
export function section(sections: readonly IniSection[], name: string, type?: string): IniSection {
  const found = sectionsNamed(sections, name, type);
  if (found.length !== 1 || !found[0]) throw new Error(`expected one section [${name}]${type ? ` of type ${type}` : ''}, found ${found.length}`);
  return found[0];
}

/** The last value of `key` in the section (Asterisk's rule for plain options). */
export function value(s: IniSection, key: string): string | undefined {
  return s.entries.filter(([k]) => k === key).at(-1)?.[1];
}

/** Every value of `key`, in order (for repeatable keys: load, match, exten, same). */
export function values(s: IniSection, key: string): string[] {
  return s.entries.filter(([k]) => k === key).map(([, v]) => v);
}
