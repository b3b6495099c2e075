import type { Selectable } from 'kysely';
import type { DepartmentsTable, HallsTable, RegionsTable, WindowsTable } from '../../platform/db-types.ts';

export const presentRegion = (r: Selectable<RegionsTable>) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code });

export const presentDepartment = (d: Selectable<DepartmentsTable>) => ({
  id: d.id,
  key: d.key,
  name: d.name,
  shortName: d.short_name,
  creditCode: d.credit_code,
  regionCode: d.region_code,
  kind: d.kind,
  phone: d.phone,
  address: d.address,
  version: d.version,
});

export const presentWindow = (w: Selectable<WindowsTable>) => ({
  id: w.id,
  number: w.number,
  name: w.name,
  kind: w.kind,
  departmentId: w.department_id,
  acceptsAll: w.accepts_all,
  departmentIds: w.accepted_department_ids,
  itemIds: w.accepted_item_ids,
  pickup: w.pickup,
  peakOpen: w.peak_open,
  version: w.version,
});

export const presentHall = (h: Selectable<HallsTable> & { windows: Selectable<WindowsTable>[] }) => ({
  id: h.id,
  key: h.key,
  name: h.name,
  level: h.level,
  regionCode: h.region_code,
  address: h.address,
  version: h.version,
  windows: h.windows.map(presentWindow),
});
