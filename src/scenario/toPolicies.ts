// toPolicies: the scenario file's `policies` list in engine form.
import type { PolicySpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";

/** Each policy with only the keys given (absent lists stay absent). */
export function toPolicies(policies: ScenarioFile["policies"]): PolicySpec[] {
  return policies.map((p) => ({
    workloads: p.workloads,
    ...(p.stayIn && { stayIn: p.stayIn }),
    ...(p.avoid && {
      avoid: {
        ...(p.avoid.countries && { countries: p.avoid.countries }),
        ...(p.avoid.providers && { providers: p.avoid.providers }),
        ...(p.avoid.jurisdictions && { jurisdictions: p.avoid.jurisdictions }),
      },
    }),
  }));
}
