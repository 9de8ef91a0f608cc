const MAX_QUOTED = 40;

/** Text quoted in a message, cut to a readable length: a stray megabyte word stays one line. */
export function abbreviate(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
