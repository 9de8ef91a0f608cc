import type { LabPlan, PlannedNode } from "../../plan/index.js";
import { renderBirdConfig } from "../bird-config.js";
import { sh, type BootStep } from "../shell-text.js";

export function birdStep({ plan, node }: { plan: LabPlan; node: PlannedNode }): BootStep {
  return {
    title: "bird2 OSPF on the ZeroTier interface",
    body: sh`apt-get -q install bird2
install -d -m 0755 /etc/bird
put_file 0640 /etc/bird/bird.conf <<'ZTLAB_EOF'
${renderBirdConfig({ plan, node })}ZTLAB_EOF
BIRD_CONFIG_CHANGED=$FILE_CHANGED
chown bird:bird /etc/bird/bird.conf
bird -p -c /etc/bird/bird.conf
systemctl enable bird.service
if [[ $BIRD_CONFIG_CHANGED == 1 ]]; then systemctl restart bird.service; fi
systemctl start bird.service
echo "bird announces ${node.podCidr} over OSPF as router ${node.routerId}"
`,
  };
}
