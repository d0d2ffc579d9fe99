// API key names, supported version ranges and flexibility, from the generated tables.
import { API_TABLE, ApiKey } from './generated/api-keys';

export { ApiKey };
export type { ApiKeyName } from './generated/api-keys';

/** The Kafka name of an API key ('Produce', 'Fetch', ...), or `Unknown(<key>)`. */
export function apiName(apiKey: number): string {
  const row = API_TABLE[apiKey];
  return row === undefined ? `Unknown(${apiKey})` : row[0];
}

/** validVersions of the API as defined by the schema, or undefined for an unknown key. */
export function apiVersionRange(apiKey: number): { min: number; max: number } | undefined {
  const row = API_TABLE[apiKey];
  return row === undefined ? undefined : { min: row[1], max: row[2] };
}

/** Is the API key known and the version within its validVersions? */
export function isSupported(apiKey: number, version: number): boolean {
  const row = API_TABLE[apiKey];
  return row !== undefined && Number.isInteger(version) && version >= row[1] && version <= row[2];
}

/**
 * Does this version of the API use flexible encodings (compact types, tagged fields)?
 * Decided by flexibleVersions alone (open-ended), so it also answers for versions above
 * validVersions, as needed to parse the header of a too-new request. Unknown keys: false.
 */
export function isFlexible(apiKey: number, version: number): boolean {
  const row = API_TABLE[apiKey];
  return row !== undefined && row[3] >= 0 && version >= row[3];
}

/** Number of API keys in the tables (keys are 0 .. API_COUNT-1). */
export const API_COUNT = API_TABLE.length;
