// The registry of implemented APIs. Each api/<name>.ts registers itself; ApiVersions is
// built from what is registered here, so what samsa advertises is what it serves.
import type { ApiDefinition } from './types';

const apis = new Map<number, ApiDefinition>();

export function register(def: ApiDefinition): void {
  if (apis.has(def.apiKey)) throw new Error(`api key ${def.apiKey} registered twice`);
  apis.set(def.apiKey, def);
}

export function apiFor(apiKey: number): ApiDefinition | undefined {
  return apis.get(apiKey);
}

export function registeredApis(): ApiDefinition[] {
  return [...apis.values()].sort((a, b) => a.apiKey - b.apiKey);
}
