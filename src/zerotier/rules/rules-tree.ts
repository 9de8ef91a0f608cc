// Reads rules source into the nested token tree ZeroTier's compiler builds before rendering.
// Block structure follows shared/reference/flow-rules/README.md ("Compiler behaviour worth
// knowing", items 1, 2, 7, 11): a lowercase block keyword opens a block, a token ending in `;`
// closes the current block only when it is not empty and not the top level, and blocks still
// open at the end of input are dropped.

/** One whitespace-separated word, with a trailing `;` removed. */
export interface RulesToken {
  kind: "token";
  text: string;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
  /** Characters of the word as written, `;` included; for carets. */
  length: number;
  /** The line ZeroTier's compiler reports for this token (it counts a CR in a comment too). */
  referenceLine: number;
}

/** The words between a block keyword and the `;` that closed it. */
export interface RulesBlock {
  kind: "block";
  opener: RulesToken;
  items: RulesItem[];
}

export type RulesItem = RulesToken | RulesBlock;

/** Structure that ZeroTier accepts but that almost certainly is not what was meant. */
export type StructureNote =
  | { kind: "dropped-at-end"; opener: RulesToken; block: RulesBlock }
  | { kind: "moved-to-base"; opener: RulesToken; closer: RulesToken; end: RulesToken };

export interface RulesTree {
  items: RulesItem[];
  notes: StructureNote[];
}

const BLOCK_KEYWORDS = new Set([
  "accept",
  "drop",
  "break",
  "tee",
  "watch",
  "redirect",
  "priority",
  "cap",
  "tag",
  "macro",
]);

const ACTION_KEYWORDS = new Set(["accept", "drop", "break", "tee", "watch", "redirect"]);

interface Position {
  line: number;
  column: number;
  referenceLine: number;
}

export function readRulesTree(source: string): RulesTree {
  const reader = new TreeReader();
  let line = 1;
  let column = 0;
  let referenceLine = 1;
  let inComment = false;
  let word = "";
  let start: Position = { line, column: 1, referenceLine };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    column++;
    if (inComment) {
      // ZeroTier ends a comment at CR or LF, and counts a CR there as a line of its own.
      if (ch === "\r" || ch === "\n") inComment = false;
      if (ch === "\r") referenceLine++;
    } else if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
      if (word !== "") reader.finishWord(word, start);
      word = "";
    } else if (ch === "#" && word === "") {
      inComment = true;
    } else {
      if (word === "") start = { line, column, referenceLine };
      word += ch;
    }
    if (ch === "\n") referenceLine++;
    if (ch === "\n" || (ch === "\r" && source[i + 1] !== "\n")) {
      line++;
      column = 0;
    }
  }
  if (word !== "") reader.finishWord(word, start);
  return reader.finish();
}

class TreeReader {
  private readonly root: RulesItem[] = [];
  private readonly stack: RulesBlock[] = [];
  private readonly notes: StructureNote[] = [];
  private pendingMove: { opener: RulesToken; closer: RulesToken; words: number } | undefined;

  finishWord(word: string, at: Position): void {
    const closes = word.endsWith(";");
    const text = closes ? word.slice(0, -1) : word;
    const token: RulesToken = { kind: "token", text, length: word.length, ...at };
    const current = this.stack.at(-1);
    if (text !== "") {
      (current?.items ?? this.root).push(token);
      if (this.pendingMove !== undefined && current === undefined) this.pendingMove.words++;
    }

    if (closes && current !== undefined && current.items.length > 0) {
      this.closeBlock(current, token);
    } else if (BLOCK_KEYWORDS.has(text)) {
      this.stack.push({ kind: "block", opener: token, items: [] });
    } else if (closes && text === "" && current === undefined) {
      this.noteIgnoredSemicolon(token);
    }
  }

  finish(): RulesTree {
    // Blocks still open nest in the first one, and go with it.
    const outer = this.stack[0];
    if (outer !== undefined && outer.items.length > 0) {
      this.notes.push({ kind: "dropped-at-end", opener: outer.opener, block: outer });
    }
    return { items: this.root, notes: this.notes };
  }

  private closeBlock(block: RulesBlock, closer: RulesToken): void {
    this.stack.pop();
    (this.stack.at(-1)?.items ?? this.root).push(block);
    const opener = block.opener.text;
    const bareAction = ACTION_KEYWORDS.has(closer.text) && block.items.at(-1) === closer;
    if ((opener === "cap" || opener === "macro") && bareAction && this.stack.length === 0) {
      this.pendingMove = { opener: block.opener, closer, words: 0 };
    }
  }

  // A lone `;` at the top level is what usually ended a capability that a bare `accept;` had
  // already closed; whatever sat between the two went to the base rule set.
  private noteIgnoredSemicolon(end: RulesToken): void {
    const move = this.pendingMove;
    this.pendingMove = undefined;
    if (move !== undefined && move.words > 0) {
      this.notes.push({ kind: "moved-to-base", opener: move.opener, closer: move.closer, end });
    }
  }
}
