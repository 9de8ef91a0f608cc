import type { PlannedNode } from "../../plan/index.js";
import { renderDockerDaemonConfig } from "../docker-daemon-config.js";
import { sh, type BootStep } from "../shell-text.js";

/**
 * daemon.json is written before Docker is installed so the bridge comes up right the first time.
 * Its IPv6 range is the node's 6PLANE /80, computed here from the network and node ids.
 */
export function dockerStep({ node }: { node: PlannedNode }): BootStep {
  const daemonConfig = renderDockerDaemonConfig({
    node,
    fixedCidrV6: "${ZT_SIXPLANE_PREFIX80}",
  });
  return {
    title: "Docker with the container network",
    body: sh`ZT_SIXPLANE_PREFIX80=$(sixplane_prefix80 "$ZT_NETWORK_ID" "$ZT_NODE_ID")
install -d -m 0755 /etc/docker
put_file 0644 /etc/docker/daemon.json <<ZTLAB_EOF
${daemonConfig}ZTLAB_EOF
DOCKER_CONFIG_CHANGED=$FILE_CHANGED
put_file 0644 /etc/sysctl.d/90-ztlab-forwarding.conf <<'ZTLAB_EOF'
net.ipv4.ip_forward = 1
net.ipv6.conf.all.forwarding = 1
ZTLAB_EOF
sysctl -q -p /etc/sysctl.d/90-ztlab-forwarding.conf
apt-get -q install docker.io
systemctl enable docker.service
if [[ $DOCKER_CONFIG_CHANGED == 1 ]]; then systemctl restart docker.service; fi
systemctl start docker.service
echo "docker0 is ${node.bridgeAddress} (containers ${node.podCidr}, $ZT_SIXPLANE_PREFIX80)"
`,
  };
}
