// greatCircle: great-circle distance between two coordinates and the one-way latency of fiber along it.

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Speed of light in optical fiber (refractive index ≈ 1.5), metres per second. */
export const FIBER_SPEED_MPS = 2e8;

/**
 * Great-circle distance between two points given in decimal degrees (haversine formula on
 * a sphere of radius {@link EARTH_RADIUS_M}), metres.
 *
 * @example greatCircleM(51.5074, -0.1278, 40.7128, -74.006) // ≈ 5.57e6 (London–New York)
 */
export function greatCircleM(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2Deg - lat1Deg) * rad;
  const dLon = (lon2Deg - lon1Deg) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1Deg * rad) * Math.cos(lat2Deg * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-way latency of a fiber route `inflation` times longer than `distanceM`, seconds. */
export function fiberLatencyS(distanceM: number, inflation: number): number {
  return (distanceM * inflation) / FIBER_SPEED_MPS;
}
