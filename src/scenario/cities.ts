// cities: the city coordinates shipped in data/cities.csv, looked up by name for sites.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A city's coordinates and country. */
export interface City {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latDeg: number;
  lonDeg: number;
}

/**
 * Every city of the package's data/cities.csv (`city,country,lat_deg,lon_deg`, `#` lines
 * are comments), keyed by lower-case name. Read once per call; the file is small.
 */
export function loadCities(): Map<string, City> {
  const text = readFileSync(fileURLToPath(new URL("../../data/cities.csv", import.meta.url)), "utf8");
  const cities = new Map<string, City>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "" || line.startsWith("city,")) continue;
    const [name, country, lat, lon] = line.split(",");
    cities.set(name.toLowerCase(), { name, country, latDeg: Number(lat), lonDeg: Number(lon) });
  }
  return cities;
}
