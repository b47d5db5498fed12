// Figures of service businesses and their inspections (docs/api-inspections.md "Figures"):
// coverage against the active plan's target, inspections, violations per 100, fines, repeat
// violators, businesses by type and status, and the same per unit below (for the map).
import { api } from './api';
import type { components } from './schema.gen';

export type InspectionFigures = components['schemas']['InspectionFigures'];
export type InspectionFigureCounts = components['schemas']['InspectionFigureCounts'];

export const inspectionFiguresApi = {
  get: (orgUnit: string, year: number, signal?: AbortSignal) =>
    api.get<InspectionFigures>('/api/inspection-figures', { orgUnit, year }, signal),
};

/** The map's value of a unit for a layer: coverage % (null without operating businesses) or a count. */
export type InspectionLayer = 'coverage' | 'inspections';
export function layerValues(data: InspectionFigures | undefined, layer: InspectionLayer): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of data?.units ?? []) {
    const v = layer === 'coverage' ? u.coveragePct : u.inspections;
    if (v !== null && v !== undefined) out.set(u.orgUnit.code, v);
  }
  return out;
}
