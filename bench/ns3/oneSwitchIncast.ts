// oneSwitchIncast: the ns-3 case text (bench/ns3/flows.cc's input) of test/transport/tcp/LossRecoveryCwr.test.ts's network — senders → one switch → h0, DCTCP, 10 rounds.
import { argv, exit, stderr, stdout } from "node:process";

/**
 * The flows.cc case of `senders` hosts each sending `bytes` to h0 through one switch, every 10 ms
 * for 10 rounds from 1 ms: 10 Gb/s, 1 µs links with `bufferPackets` of buffer, DCTCP marking at
 * K = 20 packets, IW 10, MSS 1448, an ACK per segment, min RTO 200 ms, SYN timeout 1 s. A
 * `seed` above 0 adds 1 µs of start jitter and ns-3's RngRun `seed` (bench/ns3/seeds.ts's
 * convention); 0 leaves the case as the test writes it.
 */
export function oneSwitchIncast(senders: number, bytes: number, bufferPackets: number, seed = 0): string {
  const lines = [
    "option sockbuf 16777216",
    "option segsize 1448",
    "option iw 10",
    "option cc dctcp",
    "option minrto 0.2",
    "option synto 1",
    "option delack 1",
    "option ecnk 20",
    "node sw",
    "node h0",
  ];
  if (seed > 0) lines.push("option jitter 1e-6", `option rngrun ${seed}`);
  for (let i = 1; i <= senders; i++) lines.push(`node h${i}`);
  lines.push(`link sw h0 10000000000 0.000001 ${bufferPackets}`);
  for (let i = 1; i <= senders; i++) lines.push(`link h${i} sw 10000000000 0.000001 ${bufferPackets}`);
  for (let r = 0; r < 10; r++)
    for (let i = 1; i <= senders; i++) lines.push(`flow q${r}_${i} h${i} h0 ${bytes} ${0.001 + 0.01 * r} 1 h${i},sw,h0`);
  return lines.join("\n") + "\n";
}

if (import.meta.url === `file://${argv[1]}`) {
  const [senders, bytes, buffer, seed = 0] = argv.slice(2).map(Number);
  if (![senders, bytes, buffer, seed].every((v) => Number.isInteger(v) && v >= 0) || !(senders > 0 && bytes > 0 && buffer > 0)) {
    stderr.write("usage: npx tsx bench/ns3/oneSwitchIncast.ts SENDERS BYTES BUFFER_PACKETS [SEED] > case.txt\n");
    exit(2);
  }
  stdout.write(oneSwitchIncast(senders, bytes, buffer, seed));
}
