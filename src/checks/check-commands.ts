// The command each check runs on a node. Plain strings for a POSIX shell; every value that comes
// from the lab is quoted. Root-only tools go through `sudo -n`, so a password prompt fails fast.

export const PROBE_CONTAINER = "ztlab-probe";
// LIMITATION(#6): the probe image is pulled from Docker Hub on first use; a node that cannot reach
// the registry fails both container checks with docker's pull error as the reason.
const PROBE_IMAGE = "alpine:3";

export function zerotierStatusCommand(): string {
  return "sudo -n zerotier-cli -j listnetworks";
}

export function pingCommand(target: string, { ipv4Only = false } = {}): string {
  return `ping ${ipv4Only ? "-4 " : ""}-c 1 -W 2 ${quote(target)}`;
}

export function webStatusCommand(host: string): string {
  return `curl -sS -o /dev/null -m 5 -w '%{http_code}' ${quote(`http://${host}/`)}`;
}

export function birdRoutesCommand(): string {
  return "sudo -n birdc -r show route";
}

/** Starts (or reuses) the probe container and prints its eth0 addresses with `ip -j`. */
export function probeSetupCommand(): string {
  const start = `sudo -n docker run -d --rm --name ${PROBE_CONTAINER} ${PROBE_IMAGE} sleep 900`;
  const pid = `sudo -n docker inspect -f '{{.State.Pid}}' ${PROBE_CONTAINER}`;
  return [
    `${start} >/dev/null 2>&1 || sudo -n docker start ${PROBE_CONTAINER} >/dev/null`,
    `pid=$(${pid})`,
    `sudo -n nsenter -t "$pid" -n ip -j addr show dev eth0`,
  ].join(" && ");
}

export function probePingCommand(address: string): string {
  return `sudo -n docker exec ${PROBE_CONTAINER} ping -c 1 -W 2 ${quote(address)}`;
}

export function probeCleanupCommand(): string {
  return `sudo -n docker rm -f ${PROBE_CONTAINER} >/dev/null 2>&1; true`;
}

/** tshark on the ZeroTier interface for `seconds`, keeping only ICMP between the two ends. */
export function captureProbeCommand(
  iface: string,
  between: readonly [string, string],
  seconds: number,
): string {
  const filter = `icmp and host ${between[0]} and host ${between[1]}`;
  return `sudo -n tshark -i ${quote(iface)} -n -l -a duration:${seconds} -f ${quote(filter)}`;
}

export function probeTrafficCommand(target: string): string {
  return `ping -c 3 -i 0.5 -W 2 ${quote(target)}`;
}

/** Wraps a command so the node itself stops it after `seconds` (ssh may lose the session). */
export function withRemoteTimeout(command: string, seconds: number): string {
  return `timeout -k 2 ${seconds} sh -c ${quote(command)}`;
}

export function quote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, "'\\''")}'`;
}
