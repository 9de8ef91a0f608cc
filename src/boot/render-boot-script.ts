import type { LabPlan, PlannedNode } from "../plan/index.js";
import type { BootScript } from "./boot-script.js";
import { birdStep } from "./script-steps/bird.js";
import { dockerStep } from "./script-steps/docker.js";
import { toolsStep, webServerStep } from "./script-steps/extras.js";
import { firewallStep } from "./script-steps/firewall.js";
import { hostnameStep, usersStep } from "./script-steps/host.js";
import { renderPreamble } from "./script-steps/preamble.js";
import { resolvedStep } from "./script-steps/resolved.js";
import { zeronsdStep } from "./script-steps/zeronsd.js";
import { aptStep, identityStep, joinStep, zerotierInstallStep } from "./script-steps/zerotier.js";
import { joinParts, sh, shellQuote, type BootStep, type ScriptPart } from "./shell-text.js";

// The DNS node's script is about 15.9 KB with two users. Clouds with tight user-data limits get it
// gzipped (AWS) or checked against their limit at synth time (clouds/ user-data-size).

/**
 * The cloud-init user-data (a bash script) for one node. zeronsd runs in a container, so on the
 * DNS node its step follows Docker's.
 */
export function renderBootScript({ plan, node }: { plan: LabPlan; node: PlannedNode }): BootScript {
  const isDnsNode = plan.dnsNode === node.name;
  const steps: BootStep[] = [
    hostnameStep({ node }),
    usersStep({ plan }),
    firewallStep(),
    identityStep(),
    aptStep(),
    zerotierInstallStep(),
    joinStep(),
    resolvedStep(),
    dockerStep({ node }),
    ...(isDnsNode ? [zeronsdStep({ networkName: plan.network.name })] : []),
    webServerStep({ node }),
    toolsStep(),
    birdStep({ plan, node }),
  ];
  const parts = joinParts([
    renderPreamble({ plan, node }),
    ...steps.flatMap((step, i) => [renderHeader(step, i + 1, steps.length), step.body]),
    sh`
step "done"
echo "ztlab: first boot of $NODE_NAME finished"
`,
  ]);
  return { node: node.name, parts };
}

function renderHeader(step: BootStep, number: number, total: number): ScriptPart[] {
  return [`\nstep ${shellQuote(`${number}/${total} ${step.title}`)}\n`];
}
