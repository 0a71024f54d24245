// greatCircle: haversine distances against the spherical law of cosines and published city-pair distances.
import { describe, expect, it } from "vitest";
import { EARTH_RADIUS_M, fiberLatencyS, greatCircleM } from "../../src/net/greatCircle.js";

/** The spherical law of cosines: an independent formula for the same great-circle distance. */
function lawOfCosinesM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const c = Math.sin(lat1 * r) * Math.sin(lat2 * r) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return EARTH_RADIUS_M * Math.acos(Math.min(1, Math.max(-1, c)));
}

describe("greatCircleM", () => {
  const pairs: Array<[string, number, number, number, number, number]> = [
    // name, lat1, lon1, lat2, lon2, published great-circle distance (km, to ±1%)
    ["London–New York", 51.5074, -0.1278, 40.7128, -74.006, 5570],
    ["London–Frankfurt", 51.5074, -0.1278, 50.1109, 8.6821, 637],
    ["Sydney–Tokyo", -33.8688, 151.2093, 35.6762, 139.6503, 7823],
  ];
  for (const [name, a, b, c, d, km] of pairs) {
    it(`${name} agrees with the law of cosines and the published distance`, () => {
      const m = greatCircleM(a, b, c, d);
      expect(Math.abs(m - lawOfCosinesM(a, b, c, d)) / m).toBeLessThan(1e-9);
      expect(Math.abs(m / 1000 - km) / km).toBeLessThan(0.01);
    });
  }

  it("is zero for one point and half the circumference for antipodes", () => {
    expect(greatCircleM(10, 20, 10, 20)).toBe(0);
    expect(greatCircleM(0, 0, 0, 180)).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
  });

  it("turns distance into fiber latency at 2e8 m/s", () => {
    // 1,000 km × 1.5 ÷ 2e8 m/s = 7.5 ms.
    expect(fiberLatencyS(1e6, 1.5)).toBeCloseTo(0.0075, 15);
  });
});
