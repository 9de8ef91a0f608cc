import { shellLiteral } from "../shell-text.js";

/**
 * Bash function printing a node's 6PLANE /80 as inet_ntop would, e.g.
 * `sixplane_prefix80 8bd5124fd6f45ffe 0123456789` prints `fc5d:214d:b101:2345:6789::/80`.
 * Layout from shared/reference/addressing.md section 3: fc, the 32-bit XOR of the network id's
 * halves (always 8 hex digits, leading zeros kept), the 40-bit node id, then zeros.
 */
export const SIXPLANE_FUNCTION = shellLiteral`sixplane_prefix80() {
  local nwid=\${1,,} node=\${2,,} hex i start=-1 best=1 best_at=-1 head tail
  local -a groups=()
  [[ $nwid =~ ^[0-9a-f]{16}$ && $node =~ ^[0-9a-f]{10}$ ]] || return 1
  hex=$(printf 'fc%08x%s000000000000' $((16#\${nwid:0:8} ^ 16#\${nwid:8:8})) "$node")
  for i in 0 1 2 3 4 5 6 7; do
    groups+=("$(printf '%x' $((16#\${hex:i*4:4})))")
  done
  # The longest run of two or more zero groups becomes "::"; the leftmost run wins a tie.
  for i in 0 1 2 3 4 5 6 7 8; do
    if ((i < 8)) && [[ \${groups[i]} == 0 ]]; then
      if ((start < 0)); then start=$i; fi
    else
      if ((start >= 0 && i - start > best)); then
        best=$((i - start))
        best_at=$start
      fi
      start=-1
    fi
  done
  if ((best_at < 0)); then
    (IFS=:; printf '%s/80\n' "\${groups[*]}")
    return 0
  fi
  head=$(IFS=:; echo "\${groups[*]:0:best_at}")
  tail=$(IFS=:; echo "\${groups[*]:best_at+best}")
  printf '%s::%s/80\n' "$head" "$tail"
}
`;
