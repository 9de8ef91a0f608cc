import type { CommandModule } from "../program.js";
import { planCommand } from "./plan.js";
import { initCommand } from "./init.js";
import { schemaCommand } from "./schema.js";
import { addrCommand } from "./addr.js";
import { checkCommand } from "./check.js";
import { statusCommand } from "./status.js";
import { sshCommand } from "./ssh.js";
import { sshConfigCommand } from "./ssh-config.js";
import { captureCommand } from "./capture.js";
import { synthCommand } from "./synth.js";
import { upCommand } from "./up.js";
import { downCommand } from "./down.js";
import { outputCommand } from "./output.js";
import { doctorCommand } from "./doctor.js";
import { rulesCommand } from "./rules.js";
import { tapCommand } from "./tap.js";

/** Every command, in the order `ztlab --help` lists them. */
export const COMMANDS: readonly CommandModule[] = [
  initCommand,
  planCommand,
  schemaCommand,
  addrCommand,
  statusCommand,
  checkCommand,
  sshCommand,
  sshConfigCommand,
  captureCommand,
  synthCommand,
  upCommand,
  downCommand,
  outputCommand,
  doctorCommand,
  rulesCommand,
  tapCommand,
];
