import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, PASS, transportProblem, type Verdict } from "./verdict.js";

export interface BirdRoute {
  prefix: string;
  protocol: string;
  /** OSPF route type (I, IA, E1, E2); undefined for routes of other protocols. */
  ospfType: string | undefined;
}

// BIRD 2.0.12 `birdc show route`; a prefix line, then continuation lines for alternates:
//   10.42.2.0/24         unicast [ospf1 12:01:33.512] * I (150/20) [10.42.2.1]
//           via 10.0.2.1 on ztyqb6mebi
//                        unicast [ospf1 12:01:33.512] I (150/30) [10.42.3.1]
const ROUTE = /^(\S+\/\d+)?\s+\w+ \[(\S+) [^\]]*\]\s+(?:\*\s+)?(I|IA|E1|E2)?\s*\(/;

/** Every route entry of `birdc show route`, alternates included. */
export function parseBirdRoutes(text: string): BirdRoute[] {
  const routes: BirdRoute[] = [];
  let current: string | undefined;
  for (const line of text.split("\n")) {
    const match = ROUTE.exec(line);
    if (match === null) continue;
    current = match[1] ?? current;
    if (current === undefined) continue;
    routes.push({ prefix: current, protocol: match[2] ?? "", ospfType: match[3] });
  }
  return routes;
}

/** Passes when bird holds an OSPF route for every expected prefix; names the missing ones. */
export function interpretOspfRoutes(
  result: RemoteResult,
  expected: readonly { prefix: string; node: string }[],
): Verdict {
  const problem = transportProblem(result, "birdc");
  if (problem !== undefined) return fail(problem);
  // "Unable to connect to server control socket (/run/bird/bird.ctl): No such file or directory"
  if (/Unable to connect to server control socket/.test(result.stdout + result.stderr)) {
    return fail("bird is not running");
  }
  if (result.exitCode !== 0)
    return fail(`birdc failed: ${lastLine(result.stderr || result.stdout)}`);
  const ospf = new Set(
    parseBirdRoutes(result.stdout)
      .filter((route) => route.ospfType !== undefined)
      .map((route) => route.prefix),
  );
  const missing = expected.filter((entry) => !ospf.has(entry.prefix));
  if (missing.length === 0) return PASS;
  return fail(`no OSPF route to ${missing.map((m) => `${m.prefix} (${m.node})`).join(", ")}`);
}
