import type { PlannedNode } from "../../plan/index.js";
import { sh, type BootStep } from "../shell-text.js";

export const WEB_IMAGE = "nginx:stable-alpine";

export const DIAGNOSTIC_PACKAGES = [
  "tshark",
  "nmap",
  "net-tools",
  "iproute2",
  "iputils-ping",
  "libndp-tools",
  "avahi-utils",
  "bind9-dnsutils",
  "vim",
];

/** The demo page on port 80 of the host network, naming the node it runs on. */
export function webServerStep({ node }: { node: PlannedNode }): BootStep {
  return {
    title: "demo web server",
    body: sh`install -d -m 0755 /var/lib/ztlab/www
put_file 0644 /var/lib/ztlab/www/index.html <<'ZTLAB_EOF'
${renderHelloPage(node)}ZTLAB_EOF
if ! docker container inspect ztlab-hello >/dev/null 2>&1; then
  docker run --detach --name ztlab-hello --restart always --network host \
    --volume /var/lib/ztlab/www:/usr/share/nginx/html:ro ${WEB_IMAGE} >/dev/null
fi
echo "http://$NODE_FQDN/ says hello from $NODE_NAME"
`,
  };
}

export function toolsStep(): BootStep {
  return {
    title: "diagnostic tools",
    body: sh`# tshark asks whether non-root users may capture; answer it before apt does.
echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
apt-get -q install ${DIAGNOSTIC_PACKAGES.join(" ")}
`,
  };
}

function renderHelloPage(node: PlannedNode): string {
  return [
    "<!doctype html>",
    `<html><head><title>hello from ${escapeHtml(node.name)}</title></head>`,
    `<body><h1>hello from ${escapeHtml(node.name)}</h1>`,
    `<p>${escapeHtml(node.fqdn)} (${escapeHtml(node.ip)}) on ${escapeHtml(node.description)}</p>`,
    "</body></html>",
    "",
  ].join("\n");
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
