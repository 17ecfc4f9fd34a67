import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The team kit's reference data lives beside the checkout in ../shared/data and is never copied
 * into the repository. LAGESBILD_TEAM_KIT points elsewhere. A fresh clone in a temp folder has no
 * kit beside it: tests that need it then skip with this reason, except in CI, where a missing
 * kit is a failure.
 */
const kit = process.env.LAGESBILD_TEAM_KIT ?? fileURLToPath(new URL('../../../shared/', import.meta.url));

export function teamKitPath(file: string): string {
  return `${kit.replace(/\/$/, '')}/data/${file}`;
}

export function teamKitMissing(file: string): string | undefined {
  if (existsSync(teamKitPath(file))) return undefined;
  const reason = `team kit file ${teamKitPath(file)} not found (set LAGESBILD_TEAM_KIT)`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}

export function readTeamKitJson<T>(file: string): T {
  return JSON.parse(readFileSync(teamKitPath(file), 'utf8')) as T;
}

/** One event of the police events feed, as the team kit's sample (polisen-events-2023.json) holds it. */
export interface PoliceEvent {
  id: number;
  datetime: string;
  name: string;
  type: string;
  summary: string;
  location: { name: string; gps: string };
}
