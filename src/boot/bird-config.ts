import type { LabPlan, PlannedNode } from "../plan/index.js";

/** Interfaces OSPF runs on: ZeroTier's taps only, never the cloud NIC, docker0 or lo. */
export const OSPF_INTERFACE_PATTERN = "zt*";

/**
 * bird2 configuration for a node: OSPF on the ZeroTier interfaces announcing the node's container
 * CIDR (learned from docker0), and the other nodes' container routes installed in the kernel.
 */
export function renderBirdConfig({ plan, node }: { plan: LabPlan; node: PlannedNode }): string {
  return `# bird2 configuration of ztlab node ${node.name} on ${plan.network.name}.
log syslog all;
router id ${node.routerId};

protocol device {
  scan time 10;
}

# The container bridge's network; this is the route the node announces.
protocol direct containers {
  ipv4;
  interface "docker0";
}

# Only routes learned from other nodes reach the kernel; local and ZeroTier routes stay its own.
protocol kernel {
  ipv4 {
    import none;
    export where source ~ [ RTS_OSPF_EXT1, RTS_OSPF_EXT2 ];
  };
}

protocol ospf v2 ztlab {
  ipv4 {
    import all;
    export where proto = "containers" && net = ${node.podCidr};
  };
  area 0 {
    interface "${OSPF_INTERFACE_PATTERN}" {
      type broadcast;
      hello 5;
      dead 20;
    };
  };
}
`;
}
