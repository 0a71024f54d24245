// threadCpu: a preload (node -r bench/threadCpu.cjs …) that prints each thread's CPU seconds at exit, from /proc/self/task/*/stat: the simulation's thread (MAIN) apart from workers and V8's helpers, which wall time on a shared machine cannot show.
const fs = require("fs");
process.on("exit", () => {
  const tck = 100;
  const out = [];
  for (const t of fs.readdirSync("/proc/self/task")) {
    try {
      const s = fs.readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      const rest = s.slice(s.lastIndexOf(")") + 2).split(" ");
      const name = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
      const cpu = (Number(rest[11]) + Number(rest[12])) / tck;
      if (cpu > 0.05) out.push(`${t === String(process.pid) ? "MAIN" : name}:${cpu.toFixed(2)}`);
    } catch {}
  }
  process.stderr.write("threads " + out.join(" ") + "\n");
});
