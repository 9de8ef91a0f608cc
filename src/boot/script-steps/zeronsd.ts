import { placeholder, sh, shellQuote, type BootStep } from "../shell-text.js";

/** zeronsd now ships as a container image; its old .deb needs libssl1.1, gone from Ubuntu. */
export const ZERONSD_IMAGE = "zerotier/zeronsd:0.5.2";

const TOKEN_FILE = "/etc/zeronsd/central.token";

/** Only the DNS node runs this: it is the one place the Central token reaches a VM. */
export function zeronsdStep({ networkName }: { networkName: string }): BootStep {
  return {
    title: "zeronsd name server (DNS node)",
    body: sh`ZT_CENTRAL_TOKEN='${placeholder("central-token")}'
[[ $ZT_CENTRAL_TOKEN =~ ^[A-Za-z0-9]{32,}$ ]] || fail "the Central token has an unexpected shape"
install -d -m 0700 /etc/zeronsd
put_file 0600 ${TOKEN_FILE} < <(printf '%s' "$ZT_CENTRAL_TOKEN")
unset ZT_CENTRAL_TOKEN
# A new token, or a container from an earlier image, means starting it afresh.
ZERONSD_IMAGE_NOW=$(docker container inspect -f '{{.Config.Image}}' zeronsd 2>/dev/null) || true
if [[ $FILE_CHANGED == 1 || $ZERONSD_IMAGE_NOW != "${ZERONSD_IMAGE}" ]]; then
  docker rm -f zeronsd >/dev/null 2>&1 || true
  docker run --detach --name zeronsd --restart always --network host \
    --volume /var/lib/zerotier-one/authtoken.secret:/authtoken.secret:ro \
    --volume ${TOKEN_FILE}:/central.token:ro \
    ${ZERONSD_IMAGE} start --secret /authtoken.secret --token /central.token \
    --domain ${shellQuote(networkName)} --wildcard "$ZT_NETWORK_ID" >/dev/null
fi
echo "zeronsd serves $NETWORK_NAME on this node's ZeroTier addresses"
`,
  };
}
